"""Tokens at the gateway: the access token on the way in, the token cookies on the auth routes.

Browsers keep both tokens in HttpOnly cookies; API clients send ``Authorization: Bearer``.
Services only ever see a Bearer access token, and the refresh token never reaches the
browser's JavaScript: the gateway moves it between the cookie and the JSON body.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from typing import Any

from common.auth.tokens import InvalidToken, validate_access_token
from common.logging.context import user_id_var
from gateway_project.proxy import cookies as ck
from gateway_project.proxy.config import GatewayConfig
from gateway_project.proxy.responses import GatewayError, Headers, dumps
from gateway_project.proxy.routes import Access, Tokens

TOKEN_CACHE_SIZE = 4096
Claims = dict[str, Any]


class TokenCache:
    """Validated access-token payloads by token string, so a token's ES256 check runs once.

    Entries are used only until the token's own ``exp``; the cache never outlives the token.
    """

    def __init__(self, size: int = TOKEN_CACHE_SIZE) -> None:
        self.size = size
        self._items: dict[str, Claims] = {}

    def validate(self, raw: str) -> Claims:
        """The payload of a valid access token; raises :class:`InvalidToken`."""
        payload = self._items.get(raw)
        if payload is not None:
            if payload["exp"] > time.time():
                return payload
            del self._items[raw]
            raise InvalidToken("token_expired", "Token is invalid or expired.")
        payload = validate_access_token(raw)
        if len(self._items) >= self.size:
            # Dicts keep insertion order: dropping the first key evicts the oldest entry.
            self._items.pop(next(iter(self._items)))
        self._items[raw] = payload
        return payload

    def authenticate(self, access: Access, bearer: str | None, cookies: dict[str, str]) -> Claims | None:
        """The access token's claims (with ``_raw``), None when anonymous; 401 per the route's rule."""
        if access is Access.NONE:
            return None
        raw = bearer or cookies.get(ck.ACCESS_COOKIE)
        if not raw:
            if access is Access.REQUIRED:
                raise GatewayError(401, "not_authenticated", "Authentication credentials were not provided.")
            return None
        try:
            claims = self.validate(raw)
        except InvalidToken as exc:
            # A stale cookie must not break public pages; a bad explicit token is an error.
            if access is Access.REQUIRED or bearer is not None:
                raise GatewayError(401, exc.code, exc.detail) from None
            return None
        user_id_var.set(str(claims["user_id"]))
        return {**claims, "_raw": raw}


# Routes whose service needs the refresh token of the browser's session in the body.
INJECTS_REFRESH = frozenset({Tokens.REFRESH, Tokens.SIGNOUT, Tokens.CARRY})


def body_for_service(tokens: Tokens | None, method: str, body: bytes, cookies: dict[str, str]) -> bytes:
    """The body with the refresh cookie injected on the POSTs that need it; ``body`` itself otherwise."""
    if method == "POST" and tokens in INJECTS_REFRESH:
        return inject_refresh(body, cookies.get(ck.REFRESH_COOKIE))
    return body


def inject_refresh(body: bytes, refresh: str | None) -> bytes:
    """The body with ``refresh`` from the cookie when the client did not send one.

    Returns ``body`` itself when nothing changed, so callers can test with ``is``.
    """
    if not refresh:
        return body
    if not body.strip():
        return dumps({"refresh": refresh})
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return body  # the service answers 400 for malformed or absurdly nested JSON
    if isinstance(data, dict) and not data.get("refresh"):
        data["refresh"] = refresh
        return dumps(data)
    return body


def access_seconds(data: dict[str, Any]) -> int | None:
    """Seconds until ``access_expires_at`` (cookie lifetime), when the service said."""
    value = data.get("access_expires_at")
    if not isinstance(value, str):
        return None
    try:
        expires = datetime.fromisoformat(value)
    except ValueError:
        return None
    seconds = int(expires.timestamp() - time.time())
    return seconds if seconds > 0 else None


def handle_token_answer(config: GatewayConfig, tokens: Tokens, status: int, body: bytes, out: Headers) -> bytes:
    """Set or clear the token cookies in ``out``; returns the body without the refresh token."""
    if tokens is Tokens.SIGNOUT:
        if 200 <= status < 300:
            out += ck.clear_token_cookies(config)
        return body
    if tokens is Tokens.REFRESH and status == 401:
        out += ck.clear_token_cookies(config)
        return body
    if status not in (200, 201):
        return body
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return body
    if not isinstance(data, dict) or not isinstance(data.get("access"), str):
        return body
    refresh = data.pop("refresh", None)
    out += ck.token_cookies(config, data["access"], refresh if isinstance(refresh, str) else None, access_seconds(data))
    return dumps(data)
