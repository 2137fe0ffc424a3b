"""Per-IP and per-user request budgets in Redis, plus the revocation check: one round trip.

Fixed one-minute windows: the counter key carries the window number and expires with
it. The stricter limits on credential guessing count either failures (signin, one-time
code: recorded after the answer) or every attempt (forgot-password, which always answers
200). When Redis is unreachable the gateway fails open and logs: an outage of the limiter
must not take the whole API down (services check revocation again on their own).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import redis.asyncio as aioredis
from redis.exceptions import RedisError

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
    pipe = redis.pipeline(transaction=False)
    ip_key = f"rl:ip:{ip}:{window}"
    pipe.incr(ip_key)
    pipe.expire(ip_key, WINDOW + 1)
    limits = [config.rate_limit_per_ip]
    if user_id is not None:
        user_key = f"rl:u:{user_id}:{window}"
        pipe.incr(user_key)
        pipe.expire(user_key, WINDOW + 1)
        limits.append(config.rate_limit_per_user)
    if sensitive is not None:
        kind, name = sensitive
        key = sensitive_key(name, ip, window)
        if kind is Sensitive.ATTEMPTS:
            pipe.incr(key)
            pipe.expire(key, WINDOW + 1)
        else:
            pipe.get(key)
    if jti:
        pipe.exists(revoked_key(jti))
    try:
        results = await pipe.execute()
    except (RedisError, OSError) as exc:
        logger.warning("rate limit and revocation check skipped: redis unavailable", extra={"error": repr(exc)})
        return Verdict()
    counts = [int(results[i * 2]) for i in range(len(limits))]
    limited = any(count > limit for count, limit in zip(counts, limits, strict=True))
    position = len(limits) * 2
    if sensitive is not None:
        kind, _ = sensitive
        used = int(results[position] or 0)
        # ATTEMPTS counts this request (``>``); FAILURES counts earlier failures only (``>=``).
        over = used > config.rate_limit_sensitive if kind is Sensitive.ATTEMPTS else used >= config.rate_limit_sensitive
        limited = limited or over
        position += 2 if kind is Sensitive.ATTEMPTS else 1
    revoked = bool(results[position]) if jti else False
    return Verdict(revoked=revoked, limited=limited, retry_after=retry_after)


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
