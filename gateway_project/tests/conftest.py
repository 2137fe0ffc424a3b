"""Gateway test fixtures: a real upstream server, the real ASGI app, real Redis."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import jwt
import pytest

from gateway_project.tests import upstream as upstream_server


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def upstream() -> Iterator[upstream_server.Upstream]:
    from django.conf import settings

    echo, server, thread = upstream_server.start(settings.GATEWAY_SIGNING_KEY)
    yield echo
    server.should_exit = True
    thread.join(5)


@pytest.fixture
def configure(upstream: upstream_server.Upstream) -> Iterator[Callable[..., object]]:
    """``configure(rate_limit_per_ip=3)`` → install a gateway runtime with those overrides.

    Every service points at the echo upstream except chat, where nothing listens.
    """
    from gateway_project.proxy import schema
    from gateway_project.proxy.config import GatewayConfig
    from gateway_project.proxy.runtime import Runtime, set_runtime

    upstream.requests.clear()
    schema.cache.clear()

    def install(**overrides: object) -> object:
        base = GatewayConfig.from_settings()
        values = {
            "service_urls": {**upstream.urls, "chat": upstream_server.dead_url()},
            "read_timeout": 0.5,
            "connect_timeout": 0.5,
            "failure_threshold": 3,
            "reset_seconds": 30.0,
            "health_timeout": 0.5,
            **overrides,
        }
        runtime = Runtime(dataclasses.replace(base, **values))
        set_runtime(runtime)
        return runtime

    install()
    yield install
    set_runtime(None)
    schema.cache.clear()


@pytest.fixture
def client_ip() -> str:
    """A fresh client IP per test, so rate-limit counters never leak between tests."""
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


@pytest.fixture(autouse=True)
def web_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the gateway serves the front end from: empty (not built) unless a test writes it.

    Whether the checkout's own ``web/dist`` happens to be built must not change any answer.
    """
    from gateway_project import asgi
    from gateway_project.webapp import WebApp

    folder = tmp_path / "web-dist"
    monkeypatch.setattr(asgi, "web_application", WebApp(folder))
    return folder


@pytest.fixture
async def gateway(configure: Callable[..., object], client_ip: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the gateway's real ASGI application."""
    from gateway_project.asgi import application
    from gateway_project.proxy.runtime import get_runtime

    transport = httpx.ASGITransport(app=application, client=(client_ip, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    await get_runtime().close()


@pytest.fixture
def revoke() -> Callable[[str], None]:
    """Revoke an access token the way the auth service does on signout."""
    from common.auth import revocation
    from common.redis import get_redis

    def run(token: str) -> None:
        claims = jwt.decode(token, options={"verify_signature": False})
        revocation.revoke(get_redis(), claims["jti"], claims["exp"])

    return run


@pytest.fixture
def realtime(settings, configure: Callable[..., object]) -> Iterator[str]:
    """Real time isolated per test: its own channel-layer prefix and Redis key prefix (real Redis).

    Yields the key prefix; every key under it is deleted afterwards.
    """
    import uuid

    from common.redis import get_redis

    tag = uuid.uuid4().hex[:12]
    prefix = f"test-realtime:{tag}"
    settings.REALTIME_KEY_PREFIX = prefix
    layer = settings.CHANNEL_LAYERS["default"]
    settings.CHANNEL_LAYERS = {"default": {**layer, "CONFIG": {**layer["CONFIG"], "prefix": f"test-channels:{tag}"}}}
    yield prefix
    redis = get_redis()
    for pattern in (f"{prefix}:*", f"test-channels:{tag}*"):
        for key in redis.scan_iter(pattern):
            redis.delete(key)


@pytest.fixture
def frontend_origin() -> str:
    from gateway_project.proxy.config import GatewayConfig

    return GatewayConfig.from_settings().frontend_origin
