"""Websocket tickets: ``POST /api/v1/realtime/ticket`` → a single-use ticket for ``/ws/?ticket=``.

A script or a browser that cannot send the cookie with the handshake gets a ticket over
an authenticated request instead of putting its token in a URL (URLs end up in logs).
The ticket is random, lives ``REALTIME_TICKET_SECONDS`` in Redis, is bound to the user
who asked, and is consumed by the first handshake that shows it (GETDEL).
"""

from __future__ import annotations

import json
import secrets
from typing import Any

import redis.asyncio as aioredis
from django.conf import settings

from common.auth.revocation import issued_us
from gateway_project.proxy.responses import JSON_TYPE, GatewayError, Headers, Send, dumps, send_body
from gateway_project.proxy.tokens import Claims
from gateway_project.realtime.keys import ticket_key

# What a ticket remembers of the token it was issued for: who, until when, and what can revoke it
# (the token, its session, the user's token epoch): a ticket of a revoked token opens nothing.
TICKET_CLAIMS = ("user_id", "username", "exp", "jti")


def ticket_seconds() -> float:
    return float(settings.REALTIME_TICKET_SECONDS)


async def issue(redis: aioredis.Redis, claims: Claims) -> str:
    """A new ticket for the holder of ``claims``."""
    ticket = secrets.token_urlsafe(32)
    bound = {name: claims[name] for name in TICKET_CLAIMS}
    bound |= {"sid": claims.get("sid") or "", "iat_us": issued_us(claims)}
    await redis.set(ticket_key(ticket), json.dumps(bound), px=int(ticket_seconds() * 1000))
    return ticket


async def redeem(redis: aioredis.Redis, ticket: str) -> dict[str, Any] | None:
    """The claims a ticket was issued for, consuming it; None when unknown, used or expired."""
    if not ticket or len(ticket) > 128:
        return None
    raw = await redis.getdel(ticket_key(ticket))
    return json.loads(raw) if raw else None


async def answer(redis: aioredis.Redis, method: str, claims: Claims | None, send: Send, headers: Headers) -> None:
    """The gateway's own answer on the ticket route (authenticated, CSRF-checked and rate-limited before)."""
    if method != "POST":
        raise GatewayError(405, "method_not_allowed", f'Method "{method}" not allowed.', allow="POST")
    if claims is None:  # the route requires a token; kept as a guard against a table change
        raise GatewayError(401, "not_authenticated", "Authentication credentials were not provided.")
    ticket = await issue(redis, claims)
    body = dumps({"ticket": ticket, "expires_in": int(ticket_seconds())})
    await send_body(send, 200, body, [*headers, JSON_TYPE, (b"cache-control", b"no-store")])
