"""Raw ASGI answers produced by the gateway itself, in the fleet's one error shape."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Headers = list[tuple[bytes, bytes]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Scope = MutableMapping[str, Any]

JSON_TYPE = (b"content-type", b"application/json")


class GatewayError(Exception):
    """An answer the gateway gives without (or instead of) the service's."""

    def __init__(
        self, status: int, code: str, detail: str, *, retry_after: int | None = None, allow: str | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.retry_after = retry_after
        self.allow = allow  # the ``Allow`` header of a 405

    def headers(self) -> Headers:
        """Headers this error adds (``Retry-After``, ``WWW-Authenticate``, ``Allow``)."""
        extra: Headers = []
        if self.allow is not None:
            extra.append((b"allow", self.allow.encode()))
        if self.retry_after is not None:
            extra.append((b"retry-after", str(self.retry_after).encode()))
        if self.status == 401:
            extra.append((b"www-authenticate", b'Bearer realm="bazaar"'))
        return extra


def dumps(data: Any) -> bytes:
    """Compact JSON bytes."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


async def send_body(send: Send, status: int, body: bytes, headers: Headers) -> None:
    """Send a complete response."""
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def send_error(send: Send, error: GatewayError, headers: Headers) -> None:
    """Send ``{"code", "detail"}`` with ``error``'s status."""
    headers.append(JSON_TYPE)
    headers.extend(error.headers())
    await send_body(send, error.status, dumps({"code": error.code, "detail": error.detail}), headers)
