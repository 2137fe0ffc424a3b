"""Revoked access tokens: what auth writes and every process checks (gateway and services).

Three markers in Redis, each living as long as the access tokens it can refuse:

- ``revoked-access:<jti>``: one access token (signing out revokes the one that asked);
- ``revoked-session:<sid>``: every access token of one sign-in session (the ``sid`` claim,
  carried from refresh to refresh), so signing out on a device ends the tokens the device
  refreshed earlier too;
- ``token-epoch:<user_id>``: ``"<before_us>:<keep_sid>"``, the user's token epoch: tokens
  issued (``iat_us``) before ``before_us`` are refused, except those of session
  ``keep_sid`` (the session that changed the password). Written on password change and
  reset and when staff deactivate the account.

Each write is also broadcast on a Redis pub/sub channel (:func:`channel_name`) as a
:class:`Revocation`, so every gateway process closes the user's live connections at once.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from typing import Any

KEY_PREFIX = "revoked-access:"
SESSION_PREFIX = "revoked-session:"
EPOCH_PREFIX = "token-epoch:"
# A marker outlives the tokens it refuses by this much (clock skew, a request in flight).
MARGIN_SECONDS = 5
Claims = dict[str, Any]


def revoked_key(jti: str) -> str:
    """The Redis key marking ``jti`` revoked."""
    return KEY_PREFIX + jti


def session_key(sid: str) -> str:
    """The Redis key marking every access token of session ``sid`` revoked."""
    return SESSION_PREFIX + sid


def epoch_key(user_id: object) -> str:
    """The Redis key of the user's token epoch."""
    return f"{EPOCH_PREFIX}{user_id}"


def channel_name(redis_client: Any) -> str:
    """The pub/sub channel of revocations; pub/sub ignores database numbers, so it names its own."""
    db = redis_client.connection_pool.connection_kwargs.get("db", 0)
    return f"bazaar:token-revocations:{db}"


def issued_us(claims: Claims) -> int:
    """When the token was issued, in microseconds (``iat_us``; older tokens only have ``iat``)."""
    value = claims.get("iat_us")
    if isinstance(value, int):
        return value
    iat = claims.get("iat")
    return int(iat) * 1_000_000 if isinstance(iat, (int, float)) else 0


def now_us() -> int:
    return time.time_ns() // 1000


@dataclass(frozen=True)
class Revocation:
    """Which of a user's access tokens are refused from now on (a broadcast, or a token epoch)."""

    user_id: int
    jti: str = ""
    sid: str = ""
    before: int = 0  # epoch: tokens issued before this (µs) ...
    keep: str = ""  # ... except those of this session

    def refuses(self, claims: Claims) -> bool:
        if self.jti and claims.get("jti") == self.jti:
            return True
        if self.sid and claims.get("sid") == self.sid:
            return True
        if not self.before or issued_us(claims) >= self.before:
            return False
        return not (self.keep and claims.get("sid") == self.keep)

    def dumps(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def loads(cls, raw: str | bytes) -> Revocation:
        data = json.loads(raw)
        return cls(
            user_id=int(data["user_id"]),
            jti=str(data.get("jti") or ""),
            sid=str(data.get("sid") or ""),
            before=int(data.get("before") or 0),
            keep=str(data.get("keep") or ""),
        )


def parse_epoch(user_id: int, raw: str | bytes | None) -> Revocation | None:
    """The epoch stored as ``"<before_us>:<keep_sid>"``; None when unset or unreadable."""
    if not raw:
        return None
    text = raw.decode() if isinstance(raw, bytes) else raw
    before, _, keep = text.partition(":")
    try:
        return Revocation(user_id=user_id, before=int(before), keep=keep)
    except ValueError:
        return None


# --- writes (the auth service) ------------------------------------------------------------


def revoke(redis_client: Any, jti: str, expires_at: int) -> None:
    """Mark the access token ``jti`` revoked until ``expires_at`` (Unix time)."""
    ttl = max(int(expires_at - time.time()) + MARGIN_SECONDS, 1)
    redis_client.set(revoked_key(jti), 1, ex=ttl)


def sign_out(redis_client: Any, *, user_id: int, claims: Claims, access_seconds: int) -> Revocation:
    """Revoke the token that asked and every access token of its session; tell the gateways."""
    jti, sid = str(claims["jti"]), str(claims.get("sid") or "")
    pipe = redis_client.pipeline(transaction=False)
    pipe.set(revoked_key(jti), 1, ex=max(int(claims["exp"] - time.time()) + MARGIN_SECONDS, 1))
    if sid:
        pipe.set(session_key(sid), 1, ex=access_seconds + MARGIN_SECONDS)
    revocation = Revocation(user_id=user_id, jti=jti, sid=sid)
    pipe.publish(channel_name(redis_client), revocation.dumps())
    pipe.execute()
    return revocation


def new_epoch(redis_client: Any, *, user_id: int, access_seconds: int, keep_sid: str = "") -> Revocation:
    """Refuse every access token of the user issued until now (but ``keep_sid``'s); tell the gateways.

    The marker lives as long as an access token: after that, every token it refuses has expired.
    """
    revocation = Revocation(user_id=user_id, before=now_us(), keep=keep_sid)
    pipe = redis_client.pipeline(transaction=False)
    pipe.set(epoch_key(user_id), f"{revocation.before}:{keep_sid}", ex=access_seconds + MARGIN_SECONDS)
    pipe.publish(channel_name(redis_client), revocation.dumps())
    pipe.execute()
    return revocation


# --- checks (every process) ---------------------------------------------------------------


def keys_of(claims: Claims) -> list[str]:
    """The markers that could refuse ``claims``: token, session ("" when none), user epoch."""
    sid = claims.get("sid")
    return [revoked_key(str(claims["jti"])), session_key(str(sid)) if sid else "", epoch_key(claims["user_id"])]


def refusal(claims: Claims, token_marker: object, session_marker: object, epoch: str | bytes | None) -> bool:
    """True when the markers read for ``claims`` (in :func:`keys_of` order) refuse it."""
    if token_marker or session_marker:
        return True
    stored = parse_epoch(int(claims["user_id"]), epoch)
    return stored is not None and stored.refuses(claims)


def is_refused(redis_client: Any, claims: Claims) -> bool:
    """True when the access token of ``claims`` was revoked (one MGET)."""
    keys = keys_of(claims)
    token_marker, session_marker, epoch = redis_client.mget([key or keys[0] for key in keys])
    return refusal(claims, token_marker, session_marker if keys[1] else None, epoch)
