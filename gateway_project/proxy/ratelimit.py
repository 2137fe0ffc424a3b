"""Per-IP and per-user request budgets in Redis, plus the revocation check: one round trip.

Fixed one-minute windows: the counter key carries the window number and expires with
it. The stricter limits on credential guessing count either failures (signin, one-time
code: recorded after the answer) or every attempt (forgot-password, which always answers
200). When Redis is unreachable the gateway fails open and logs: an outage of the limiter
must not take the whole API down (services check revocation again on their own).
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

import redis.asyncio as aioredis
from redis.exceptions import NoScriptError, RedisError

from common.auth.revocation import revoked_key
from gateway_project.proxy.config import GatewayConfig
from gateway_project.proxy.routes import Sensitive

logger = logging.getLogger(__name__)

WINDOW = 60


@dataclass(frozen=True)
class Verdict:
    """What Redis said about one request."""

    revoked: bool = False
    limited: bool = False
    retry_after: int = 0


def _window() -> tuple[int, int]:
    now = time.time()
    return int(now // WINDOW), WINDOW - int(now % WINDOW)


def sensitive_key(name: str, ip: str, window: int) -> str:
    """The counter of guarded attempts of ``name`` (signin ...) from ``ip``."""
    return f"rl:s:{name}:{ip}:{window}"


# One EVALSHA instead of a pipeline of INCR/EXPIRE/GET/EXISTS: the same single round trip,
# but one command to pack and one reply to parse (redis-py's per-command cost dominates).
# KEYS: ip counter, user counter, guarded-attempts counter, revoked-token marker ("" = unused).
# ARGV: window seconds, "attempts" | "failures" | "".
CHECK_SCRIPT = """
local function bump(key)
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, ARGV[1]) end
  return count
end
local user, guarded, revoked = 0, 0, 0
local ip = bump(KEYS[1])
if KEYS[2] ~= '' then user = bump(KEYS[2]) end
if KEYS[3] ~= '' then
  if ARGV[2] == 'attempts' then guarded = bump(KEYS[3]) else guarded = tonumber(redis.call('GET', KEYS[3]) or '0') end
end
if KEYS[4] ~= '' then revoked = redis.call('EXISTS', KEYS[4]) end
return {ip, user, guarded, revoked}
"""


async def check(
    redis: aioredis.Redis,
    config: GatewayConfig,
    *,
    ip: str,
    user_id: object | None,
    jti: str | None,
    sensitive: tuple[Sensitive, str] | None,
) -> Verdict:
    """Count this request against its budgets and check its token's revocation."""
    window, retry_after = _window()
    kind = sensitive[0] if sensitive else None
    keys = [
        f"rl:ip:{ip}:{window}",
        f"rl:u:{user_id}:{window}" if user_id is not None else "",
        sensitive_key(sensitive[1], ip, window) if sensitive else "",
        revoked_key(jti) if jti else "",
    ]
    try:
        ip_count, user_count, guarded, revoked = await _evaluate(redis, keys, kind.value if kind else "")
    except (RedisError, OSError) as exc:
        logger.warning("rate limit and revocation check skipped: redis unavailable", extra={"error": repr(exc)})
        return Verdict()
    limited = ip_count > config.rate_limit_per_ip or user_count > config.rate_limit_per_user
    if kind is Sensitive.ATTEMPTS:
        limited = limited or guarded > config.rate_limit_sensitive  # this request included
    elif kind is Sensitive.FAILURES:
        limited = limited or guarded >= config.rate_limit_sensitive  # earlier failures only
    return Verdict(revoked=bool(revoked), limited=limited, retry_after=retry_after)


CHECK_SHA = hashlib.sha1(CHECK_SCRIPT.encode()).hexdigest()


async def _evaluate(redis: aioredis.Redis, keys: list[str], mode: str) -> list[int]:
    try:
        return await redis.evalsha(CHECK_SHA, 4, *keys, WINDOW + 1, mode)
    except NoScriptError:  # first call, or Redis restarted: load it once, then by hash again
        await redis.script_load(CHECK_SCRIPT)
        return await redis.evalsha(CHECK_SHA, 4, *keys, WINDOW + 1, mode)


async def record_failure(redis: aioredis.Redis, name: str, ip: str) -> None:
    """Count a failed guarded attempt (a second round trip, on failures only)."""
    window, _ = _window()
    key = sensitive_key(name, ip, window)
    try:
        pipe = redis.pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, WINDOW + 1)
        await pipe.execute()
    except (RedisError, OSError) as exc:
        logger.warning("failed attempt not counted: redis unavailable", extra={"error": repr(exc)})
