"""Revoked access tokens: signing out ends the access token too, not only the refresh token.

The auth service writes the token's ``jti`` with a time-to-live equal to its remaining
lifetime; every process refuses a revoked ``jti`` until it would have expired anyway.
"""

from __future__ import annotations

import time

KEY_PREFIX = "revoked-access:"


def revoked_key(jti: str) -> str:
    """The Redis key marking ``jti`` revoked."""
    return KEY_PREFIX + jti


def revoke(redis_client: object, jti: str, expires_at: int) -> None:
    """Mark the access token ``jti`` revoked until ``expires_at`` (Unix time)."""
    ttl = max(int(expires_at - time.time()) + 5, 1)
    redis_client.set(revoked_key(jti), 1, ex=ttl)  # type: ignore[attr-defined]


def is_revoked(redis_client: object, jti: str) -> bool:
    """True when ``jti`` was revoked."""
    return bool(redis_client.exists(revoked_key(jti)))  # type: ignore[attr-defined]
