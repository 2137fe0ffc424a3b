"""The built web front end (``web/dist``), served by the gateway at ``/``.

Vite names every built asset after its content hash, so ``/assets/...`` may be cached for a
year; ``index.html`` names the current ones and is revalidated on every load. Any other path
a browser asks for with GET or HEAD is a page of the single-page app: it gets
``index.html``, and the client-side router draws it. The router in :mod:`gateway_project.asgi`
sends ``/api/``, ``/ws/``, ``/socket.io/``, ``/static/``, ``/health`` and admin paths
elsewhere before this app is asked, so a page never shadows them.
"""

from __future__ import annotations

import asyncio
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from gateway_project.proxy.responses import Receive, Scope, Send

ASSETS_PREFIX = "/assets/"
LONG_CACHE = b"public, max-age=31536000, immutable"
REVALIDATE = b"no-cache"
# The pages fetch only their own origin (the API and /ws/ sit behind the same gateway);
# Stripe.js is the one outside script, loaded only by the checkout in production.
CONTENT_SECURITY_POLICY = (
    b"default-src 'self'; script-src 'self' https://js.stripe.com; frame-src https://js.stripe.com; "
    b"connect-src 'self' ws: wss: https://api.stripe.com; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    b"object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class WebApp:
    """An ASGI app serving one built front end folder to GET and HEAD (the router sends only those)."""

    root: Path

    def is_built(self) -> bool:
        return (self.root / "index.html").is_file()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        file = self._file(path)
        if file is None and path.startswith(ASSETS_PREFIX):
            # A missing hashed asset (an old page after a deploy) must not be answered with HTML.
            await _send(
                send,
                404,
                b'{"code": "not_found", "detail": "Not found."}',
                [(b"content-type", b"application/json")],
                scope,
            )
            return
        file = file or self.root / "index.html"
        cache = LONG_CACHE if path.startswith(ASSETS_PREFIX) else REVALIDATE
        body = await asyncio.to_thread(file.read_bytes)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        headers = [(b"content-type", kind.encode()), (b"cache-control", cache)]
        if file.name == "index.html":
            headers += [
                (b"content-security-policy", CONTENT_SECURITY_POLICY),
                (b"x-frame-options", b"DENY"),
                (b"referrer-policy", b"same-origin"),
            ]
        await _send(send, 200, body, headers, scope)

    def _file(self, path: str) -> Path | None:
        """The built file at ``path``, if there is one inside the root (never outside it)."""
        relative = path.lstrip("/")
        if not relative or "\x00" in relative:
            return None
        candidate = (self.root / relative).resolve()
        root = self.root.resolve()
        if root not in candidate.parents or not candidate.is_file():
            return None
        return candidate


async def _send(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]], scope: Scope) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


def web_root() -> Path:
    """``WEB_DIST_DIR``, or ``web/dist`` of this checkout."""
    from django.conf import settings

    configured = getattr(settings, "WEB_DIST_DIR", "")
    return Path(configured) if configured else Path(__file__).resolve().parents[1] / "web" / "dist"
