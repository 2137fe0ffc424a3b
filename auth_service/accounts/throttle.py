"""Brute-force limits: at most ``RATE_LIMIT_SENSITIVE`` failures per minute per account and per IP.

Counted in Redis with one fixed one-minute window per key, shared by every process of
the service. Once a key reaches the limit, further attempts are refused before any
credential is checked, so a correct guess after the limit does not get through either.
"""

from __future__ import annotations

import hashlib

from django.conf import settings

from auth_service.accounts.errors import too_many_attempts
from common.redis import get_redis

WINDOW_SECONDS = 60
KEY_PREFIX = "auth:attempts:"


def _digest(value: str) -> str:
    # Keys name no email address or IP in clear.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def attempt_keys(scope: str, *, account: str, client_ip: str) -> list[str]:
    """The counters an attempt on ``account`` from ``client_ip`` counts against."""
    return [
        f"{KEY_PREFIX}{scope}:account:{_digest(account.lower())}",
        f"{KEY_PREFIX}{scope}:ip:{_digest(client_ip)}",
    ]


def ensure_allowed(keys: list[str]) -> None:
    """Raise 429 ``too_many_attempts`` when any counter is at the limit."""
    redis = get_redis()
    with redis.pipeline(transaction=False) as pipe:
        for key in keys:
            pipe.get(key)
            pipe.ttl(key)
        values = pipe.execute()
    limit = settings.RATE_LIMIT_SENSITIVE
    blocked = [ttl for count, ttl in zip(values[::2], values[1::2], strict=True) if count and int(count) >= limit]
    if blocked:
        raise too_many_attempts(retry_after=max(max(blocked), 1))


def record_attempt(keys: list[str]) -> None:
    """Count one (failed) attempt against every key."""
    redis = get_redis()
    with redis.pipeline(transaction=True) as pipe:
        for key in keys:
            pipe.set(key, 0, ex=WINDOW_SECONDS, nx=True)
            pipe.incr(key)
        pipe.execute()
