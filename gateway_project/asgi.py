"""ASGI entry point of the gateway: a router in front of the proxy and Django.

- ``/api/v1/...`` → the raw ASGI proxy (no Django on the hot path);
- ``/static/...`` → Django's static files (Swagger UI assets, self-hosted);
- everything else over HTTP → Django (health, schema, docs);
- ``lifespan`` → closes the pooled clients on shutdown.
Websockets (Channels) join this router in a later issue.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gateway_project.settings")
django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (after Django is set up)
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler  # noqa: E402

from gateway_project.proxy.app import ProxyApp  # noqa: E402
from gateway_project.proxy.responses import Receive, Scope, Send  # noqa: E402
from gateway_project.proxy.runtime import get_runtime  # noqa: E402

API_PREFIX = "/api/v1/"
STATIC_PREFIX = "/" + settings.STATIC_URL.lstrip("/")

proxy_application = ProxyApp()
static_application = ASGIStaticFilesHandler(django_application)


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


async def application(scope: Scope, receive: Receive, send: Send) -> None:
    """Route by protocol and path."""
    kind = scope["type"]
    if kind == "http":
        path: str = scope["path"]
        if path.startswith(API_PREFIX):
            await proxy_application(scope, receive, send)
        elif path.startswith(STATIC_PREFIX):
            await static_application(scope, receive, send)
        else:
            await django_application(scope, receive, send)
    elif kind == "lifespan":
        await lifespan(receive, send)
    elif kind == "websocket":
        await send({"type": "websocket.close", "code": 1000})
    else:
        raise ValueError(f"unsupported ASGI scope type {kind!r}")
