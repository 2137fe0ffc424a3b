"""Brute-force limits of signin, one-time code and forgot-password (:mod:`common.auth.attempts`).

At most ``RATE_LIMIT_SENSITIVE`` failures per minute per account and per IP; once a key
reaches the limit, further attempts are refused (429) before any credential is checked.
"""

from __future__ import annotations

from auth_service.accounts.errors import too_many_attempts
from auth_service.accounts.models import User
from common.auth import attempts
from common.auth.attempts import WINDOW_SECONDS, record_attempt

__all__ = ["KEY_PREFIX", "WINDOW_SECONDS", "account_key", "attempt_keys", "ensure_allowed", "record_attempt"]

KEY_PREFIX = "auth:attempts:"


def account_key(user: User | None, identifier: str) -> str:
    """The account's counter: its username and its email share one (the identifier of an unknown one)."""
    return f"user:{user.pk}" if user else f"identifier:{identifier.strip().lower()}"


def attempt_keys(scope: str, *, account: str, client_ip: str) -> list[str]:
    """The counters an attempt on ``account`` from ``client_ip`` counts against."""
    return attempts.attempt_keys(KEY_PREFIX, scope, account=account, client_ip=client_ip)


def ensure_allowed(keys: list[str]) -> None:
    """Raise 429 ``too_many_attempts`` when any counter is at the limit."""
    wait = attempts.blocked_for(keys)
    if wait is not None:
        raise too_many_attempts(retry_after=wait)
