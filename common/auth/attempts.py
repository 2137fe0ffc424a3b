"""Brute-force limits shared by every guarded sign-in: failures per minute per account and per IP.

At most ``RATE_LIMIT_SENSITIVE`` failures per one-minute window per key, counted in Redis
(one fixed window per key, shared by every process). Once a key reaches the limit, further
attempts are refused before any credential is checked, so a correct guess after the limit
does not get through either. The auth service's signin, one-time code and forgot-password
(:mod:`auth_service.accounts.throttle`) and every service's admin login
(:mod:`common.auth.admin_login`) count this way.
"""

from __future__ import annotations

import hashlib

from django.conf import settings

from common.redis import get_redis

WINDOW_SECONDS = 60


def _digest(value: str) -> str:
    # Keys name no email address or IP in clear.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def attempt_keys(prefix: str, scope: str, *, account: str, client_ip: str) -> list[str]:
    """The counters an attempt on ``account`` from ``client_ip`` counts against."""
    return [
        f"{prefix}{scope}:account:{_digest(account.lower())}",
        f"{prefix}{scope}:ip:{_digest(client_ip)}",
    ]


def blocked_for(keys: list[str]) -> int | None:
    """Seconds until the next attempt is allowed when any counter is at the limit, else None."""
    redis = get_redis()
    with redis.pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.get(key)
            pipe.ttl(key)
        values = pipe.execute()
    limit = settings.RATE_LIMIT_SENSITIVE
    blocked = [ttl for count, ttl in zip(values[::2], values[1::2], strict=True) if count and int(count) >= limit]
    return max(max(blocked), 1) if blocked else None


def record_attempt(keys: list[str]) -> None:
    """Count one (failed) attempt against every key."""
    redis = get_redis()
    with redis.pipeline(transaction=True) as pipe:
        for key in keys:
            pipe.set(key, 0, ex=WINDOW_SECONDS, nx=True)
            pipe.incr(key)
        pipe.execute()
