"""Who opens a websocket: the access-token cookie, or a ticket from ``POST /api/v1/realtime/ticket``.

The cookie is checked exactly as on HTTP requests (:class:`proxy.tokens.TokenCache`),
and, because the browser sends it with any site's handshake, the handshake's ``Origin``
must be ours (cross-site websocket hijacking; :func:`proxy.security.csrf_refusal`).
A long-lived token is never read from the URL. A revoked token is refused either way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from common.auth import revocation
from gateway_project.proxy import cookies as ck
from gateway_project.proxy.config import GatewayConfig
from gateway_project.proxy.responses import GatewayError
from gateway_project.proxy.routes import Access
from gateway_project.proxy.security import csrf_refusal
from gateway_project.proxy.tokens import TokenCache
from gateway_project.realtime import tickets

UNAUTHENTICATED = 4401  # the websocket close code of every refusal (and of an expired token)
TOKENS = TokenCache()


class Refused(Exception):
    """The handshake is refused (the connection is closed before it is accepted)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class User:
    """The user behind a connection, and the access token it was opened with (when it expires, which it is)."""

    id: int
    username: str
    expires_at: float
    jti: str
    sid: str = ""
    issued_us: int = 0

    def token_claims(self) -> dict[str, object]:
        """What :meth:`common.auth.revocation.Revocation.refuses` reads of the connection's token."""
        return {"user_id": self.id, "jti": self.jti, "sid": self.sid, "iat_us": self.issued_us}


async def authenticate(
    config: GatewayConfig, redis: aioredis.Redis, headers: dict[str, str], query: str, ticket: str | None = None
) -> User:
    """The connection's user from a ticket (``?ticket=`` or ``ticket``) or the cookie; :class:`Refused` otherwise."""
    ticket = ticket or parse_qs(query).get("ticket", [""])[0]
    if ticket:
        claims = await tickets.redeem(redis, ticket)
        if claims is None:
            raise Refused("ticket_invalid")
    else:
        claims = _cookie_claims(config, headers)
    user = User(
        int(claims["user_id"]),
        str(claims["username"]),
        float(claims["exp"]),
        str(claims["jti"]),
        str(claims.get("sid") or ""),
        revocation.issued_us(claims),
    )
    if user.expires_at <= time.time():
        raise Refused("token_expired")
    await check_not_revoked(redis, user)
    return user


def _cookie_claims(config: GatewayConfig, headers: dict[str, str]) -> dict[str, Any]:
    cookies = ck.parse_cookies(headers.get("cookie", ""))
    try:
        claims = TOKENS.authenticate(Access.REQUIRED, None, cookies)
    except GatewayError as error:
        raise Refused(error.code) from None
    if csrf_refusal(config, headers.get("origin"), headers.get("sec-fetch-site"), headers.get("host")):
        raise Refused("origin_refused")
    assert claims is not None  # Access.REQUIRED never answers anonymous
    return claims


async def check_not_revoked(redis: aioredis.Redis, user: User) -> None:
    """Refuse a revoked token (its own, its session's or the user's epoch); like the proxy, fail open when Redis is down."""
    claims = user.token_claims()
    keys = revocation.keys_of(claims)
    try:
        token_marker, session_marker, epoch = await redis.mget([key or keys[0] for key in keys])
    except (RedisError, OSError):
        return
    if revocation.refusal(claims, token_marker, session_marker if keys[1] else None, epoch):
        raise Refused("token_revoked")
