"""``X-Content-Type-Options: nosniff`` on every answer of the gateway, whoever makes it.

The gateway's answers come from several places (the raw proxy's own errors and relayed
answers, Django's health, schema and docs, the static files, Socket.IO, the websocket
handshake), and only Django's part passes through ``SecurityMiddleware``. Wrapping the ASGI
router adds the header once, for all of them.

A websocket refused before it was accepted is answered 403 by the server itself, without
headers; where the server supports the ``websocket.http.response`` extension (uvicorn
does), that refusal is sent as an HTTP response of the gateway's own, with the header.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from gateway_project.proxy.responses import Headers, Receive, Scope, Send

App = Callable[[Scope, Receive, Send], Awaitable[None]]
HEADER = b"x-content-type-options"
NOSNIFF = (HEADER, b"nosniff")
_STARTS = frozenset({"http.response.start", "websocket.http.response.start", "websocket.accept"})


def with_nosniff(app: App) -> App:
    """``app`` whose every response start (and websocket refusal) carries ``nosniff``."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await app(scope, receive, _adding_header(send))
        elif scope["type"] == "websocket":
            await app(scope, receive, _refusing_with_header(scope, _adding_header(send)))
        else:
            await app(scope, receive, send)

    return wrapped


def with_header(headers: Headers | None) -> Headers:
    """``headers`` plus ``nosniff`` unless they set the header already (a new list)."""
    present = list(headers or [])
    if any(name.lower() == HEADER for name, _ in present):
        return present
    return [*present, NOSNIFF]


def _adding_header(send: Send) -> Send:
    async def sending(message: MutableMapping[str, Any]) -> None:
        if message["type"] in _STARTS:
            message = {**message, "headers": with_header(message.get("headers"))}
        await send(message)

    return sending


def _refusing_with_header(scope: Scope, send: Send) -> Send:
    """Turns a close before the handshake into a 403 response carrying the header."""
    if "websocket.http.response" not in (scope.get("extensions") or {}):
        return send
    accepted = False

    async def sending(message: MutableMapping[str, Any]) -> None:
        nonlocal accepted
        if message["type"] == "websocket.accept":
            accepted = True
        elif message["type"] == "websocket.close" and not accepted:
            await send({"type": "websocket.http.response.start", "status": 403, "headers": [NOSNIFF]})
            await send({"type": "websocket.http.response.body", "body": b""})
            return
        await send(message)

    return sending
