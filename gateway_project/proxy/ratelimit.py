"""Per-IP and per-user request budgets in Redis, plus the revocation check: one round trip.

The revocation check reads the token's own marker, its session's and the user's token
epoch (:mod:`common.auth.revocation`) in the same script: no cache to go stale, and the
gateway refuses a token the moment auth revoked it, on every process.

Fixed one-minute windows: the counter key carries the window number and expires with
it. The stricter limits on credential guessing count either failures (signin, one-time
code: recorded after the answer) or every attempt (forgot-password, which always answers
200). When Redis is unreachable the gateway fails open and logs: an outage of the limiter
must not take the whole API down (services check revocation again on their own).

The script runs over :class:`~gateway_project.proxy.redispipe.ScriptPipe`, one pipelined
connection per process, not redis-py's pool (ADR 0007, amended). A process remembers the counts it
saw over budget in the current window (:class:`OverBudget`): a count only grows within its
window, so a request from an IP or user already seen over budget is refused without Redis,
exactly as Redis would refuse it.
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any, cast

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from common.auth import revocation
from gateway_project.proxy.config import GatewayConfig
from gateway_project.proxy.redispipe import ScriptPipe
from gateway_project.proxy.responses import GatewayError
from gateway_project.proxy.routes import Route, Sensitive
from gateway_project.proxy.tokens import Claims

logger = logging.getLogger(__name__)

WINDOW = 60


def _window() -> tuple[int, int]:
    now = time.time()
    return int(now // WINDOW), WINDOW - int(now % WINDOW)


def sensitive_key(name: str, ip: str, window: int) -> str:
    """The counter of guarded attempts of ``name`` (signin ...) from ``ip``."""
    return f"rl:s:{name}:{ip}:{window}"


# One EVALSHA instead of a pipeline of INCR/EXPIRE/GET/EXISTS: the same single round trip,
# but one command to pack and one reply to parse (redis-py's per-command cost dominates).
# KEYS: ip counter, user counter, guarded-attempts counter, then the token's revocation markers
# (common.auth.revocation.keys_of: token, session, user epoch); "" = unused.
# ARGV: window seconds, "attempts" | "failures" | "".
CHECK_SCRIPT = """
local function bump(key)
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, ARGV[1]) end
  return count
end
local user, guarded, revoked, epoch = 0, 0, 0, ''
local ip = bump(KEYS[1])
if KEYS[2] ~= '' then user = bump(KEYS[2]) end
if KEYS[3] ~= '' then
  if ARGV[2] == 'attempts' then guarded = bump(KEYS[3]) else guarded = tonumber(redis.call('GET', KEYS[3]) or '0') end
end
if KEYS[4] ~= '' then revoked = redis.call('EXISTS', KEYS[4]) end
if KEYS[5] ~= '' then revoked = revoked + redis.call('EXISTS', KEYS[5]) end
if KEYS[6] ~= '' then epoch = redis.call('GET', KEYS[6]) or '' end
return {ip, user, guarded, revoked, epoch}
"""
CHECK_SHA = hashlib.sha1(CHECK_SCRIPT.encode()).hexdigest()


class OverBudget:
    """The IP and user counters this process saw over budget, with the count seen, in the current window."""

    def __init__(self) -> None:
        self.window = -1
        self.seen: dict[str, int] = {}

    def refuses(self, window: int, key: str, limit: int) -> bool:
        """True when ``key``'s count was seen above ``limit`` in ``window`` (so it still is)."""
        if window != self.window:
            self.window, self.seen = window, {}
            return False
        return self.seen.get(key, 0) > limit

    def note(self, window: int, key: str, count: int, limit: int) -> None:
        if count > limit and window == self.window:
            self.seen[key] = max(count, self.seen.get(key, 0))


async def admit(
    pipe: ScriptPipe, config: GatewayConfig, route: Route, ip: str, claims: Claims | None, over: OverBudget
) -> None:
    """Count this request against its budgets and check its token's revocation: 401 or 429.

    Fails open (and logs) when Redis is unavailable.
    """
    window, retry_after = _window()
    kind = route.sensitive
    keys = _keys(route, ip, claims, window)
    ip_key, user_key = keys[0], keys[1]
    if over.refuses(window, ip_key, config.rate_limit_per_ip) or (
        user_key and over.refuses(window, user_key, config.rate_limit_per_user)
    ):
        raise GatewayError(429, "rate_limited", "Too many requests.", retry_after=retry_after)
    try:
        reply = await pipe.evalsha(CHECK_SHA, CHECK_SCRIPT, keys, [str(WINDOW + 1), kind.value if kind else ""])
        ip_count, user_count, guarded, revoked, epoch = cast(list[Any], reply)
    except (RedisError, OSError) as exc:
        logger.warning("rate limit and revocation check skipped: redis unavailable", extra={"error": repr(exc)})
        return
    if claims is not None and revocation.refusal(claims, revoked, None, epoch):
        raise GatewayError(401, "token_revoked", "Token has been revoked.")
    over.note(window, ip_key, ip_count, config.rate_limit_per_ip)
    if user_key:
        over.note(window, user_key, user_count, config.rate_limit_per_user)
    if _over_budget(config, kind, ip_count, user_count, guarded):
        raise GatewayError(429, "rate_limited", "Too many requests.", retry_after=retry_after)


def _keys(route: Route, ip: str, claims: Claims | None, window: int) -> list[str]:
    """The script's KEYS; "" marks a counter or marker this request does not use."""
    user_id = claims["user_id"] if claims else None
    return [
        f"rl:ip:{ip}:{window}",
        f"rl:u:{user_id}:{window}" if user_id is not None else "",
        sensitive_key(guard_name(route), ip, window) if route.sensitive else "",
        *(revocation.keys_of(claims) if claims else ["", "", ""]),
    ]


def _over_budget(config: GatewayConfig, kind: Sensitive | None, ip_count: int, user_count: int, guarded: int) -> bool:
    if ip_count > config.rate_limit_per_ip or user_count > config.rate_limit_per_user:
        return True
    if kind is Sensitive.ATTEMPTS:
        return guarded > config.rate_limit_sensitive  # this request included
    if kind is Sensitive.FAILURES:
        return guarded >= config.rate_limit_sensitive  # earlier failures only
    return False


def guard_name(route: Route) -> str:
    """The name guarded attempts are counted under: the route's last segment (``signin`` ...)."""
    return route.pattern.rsplit("/", 1)[1]


def is_failed_attempt(route: Route, status: int) -> bool:
    """True when this answer on a route guarded by failures counts as a failed guess."""
    return route.sensitive is Sensitive.FAILURES and status in (400, 401, 403)


async def record_failure(redis: aioredis.Redis, route: Route, ip: str) -> None:
    """Count a failed guarded attempt (a second round trip, on failures only)."""
    window, _ = _window()
    key = sensitive_key(guard_name(route), ip, window)
    try:
        pipe = redis.pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, WINDOW + 1)
        await pipe.execute()
    except (RedisError, OSError) as exc:
        logger.warning("failed attempt not counted: redis unavailable", extra={"error": repr(exc)})
