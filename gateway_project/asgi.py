"""ASGI entry point of the gateway: a router in front of the proxy and Django.

- ``/api/v1/...`` → the raw ASGI proxy (no Django on the hot path);
- ``/static/...`` → Django's static files (Swagger UI assets, self-hosted);
- ``/health``, ``/api/...`` (schema, docs), ``/admin/`` and any method but GET/HEAD → Django;
- every other GET or HEAD → the built web front end (:mod:`.webapp`: assets, else ``index.html``),
  while it is built; Django otherwise;
- ``/ws/`` over a websocket → the Channels consumer (:mod:`.realtime.consumer`);
- ``/socket.io/`` (HTTP long-polling or websocket) → the Socket.IO server (:mod:`.realtime.sio`);
- any other websocket → closed before it is accepted (HTTP 403);
- ``lifespan`` → closes the pooled clients on shutdown.

Every answer, whichever part made it, carries ``X-Content-Type-Options: nosniff``
(:mod:`.nosniff`).

Behind a TLS-terminating proxy (``TRUSTED_PROXIES``), the whole application sees the
client's scheme (https/wss) and IP from the proxy's X-Forwarded-Proto/-For, and only when
the connection comes from one of those addresses (ADR 0012). The servers run with
``--no-proxy-headers``: this is the one place that decides.
"""

import os
from collections.abc import Awaitable, Callable

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gateway_project.settings")
django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (after Django is set up)
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler  # noqa: E402
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware  # noqa: E402

from gateway_project.nosniff import with_nosniff  # noqa: E402
from gateway_project.proxy.app import ProxyApp  # noqa: E402
from gateway_project.proxy.config import GatewayConfig  # noqa: E402
from gateway_project.proxy.responses import Receive, Scope, Send  # noqa: E402
from gateway_project.proxy.tracing import traced_asgi  # noqa: E402

ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
from gateway_project.proxy.runtime import get_runtime  # noqa: E402
from gateway_project.realtime.consumer import application as websocket_application  # noqa: E402
from gateway_project.realtime.sio import SocketIOGateway  # noqa: E402
from gateway_project.webapp import WebApp, web_root  # noqa: E402

API_PREFIX = "/api/v1/"
STATIC_PREFIX = "/" + (settings.STATIC_URL or "").lstrip("/")
WEBSOCKET_PREFIX = "/ws/"
SOCKETIO_PREFIX = "/socket.io/"
# Paths Django answers even when the front end is built: a page never shadows them.
DJANGO_PREFIXES = ("/api/", "/health", "/admin")

# Inside the tracing agent when ELASTIC_APM_SERVER_URL is set: Django's own middleware never sees it.
proxy_application = traced_asgi(ProxyApp())
static_application = ASGIStaticFilesHandler(django_application)
web_application = WebApp(web_root())
socketio_application = SocketIOGateway(sorted(GatewayConfig.from_settings().allowed_origins)).application


async def lifespan(receive: Receive, send: Send) -> None:
    """Startup needs nothing (clients are created lazily); shutdown closes them."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await get_runtime().close()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def route(scope: Scope, receive: Receive, send: Send) -> None:
    """Route by protocol and path."""
    kind = scope["type"]
    path: str = scope.get("path", "")
    if path.startswith(SOCKETIO_PREFIX) and kind in ("http", "websocket"):
        await socketio_application(scope, receive, send)
    elif kind == "http":
        if path.startswith(API_PREFIX):
            await proxy_application(scope, receive, send)
        elif path.startswith(STATIC_PREFIX):
            await static_application(scope, receive, send)  # type: ignore[arg-type]  # Django's stubs type a scope as a dict
        elif is_page(scope):
            await web_application(scope, receive, send)
        else:
            await django_application(scope, receive, send)  # type: ignore[arg-type]  # Django's stubs type a scope as a dict
    elif kind == "lifespan":
        await lifespan(receive, send)
    elif kind == "websocket":
        if path == WEBSOCKET_PREFIX or path == WEBSOCKET_PREFIX.rstrip("/"):
            await websocket_application(scope, receive, send)
        else:
            await send({"type": "websocket.close", "code": 1000})
    else:
        raise ValueError(f"unsupported ASGI scope type {kind!r}")


def is_page(scope: Scope) -> bool:
    """A GET or HEAD of the front end (built), outside Django's own paths."""
    path: str = scope["path"]
    return scope["method"] in ("GET", "HEAD") and not path.startswith(DJANGO_PREFIXES) and web_application.is_built()


def behind_trusted_proxies(app: ASGIApp, trusted: list[str]) -> ASGIApp:
    """``app`` seeing the scheme and client IP the trusted proxies forward; ``app`` itself when none is trusted."""
    if not trusted:
        return app
    # uvicorn types the ASGI interface with TypedDicts of its own; the callables are the same.
    return ProxyHeadersMiddleware(app, trusted_hosts=trusted)  # type: ignore[arg-type,return-value]


application = with_nosniff(behind_trusted_proxies(route, settings.TRUSTED_PROXIES))
