"""The process's shared resources: configuration, the pooled upstream client, async Redis, the rate limits' pipe.

Both the raw ASGI proxy and the Django views (health, schema) use the same objects. They
are created lazily inside the running event loop (aiohttp and redis.asyncio bind to it)
and re-created if the loop changes, which only happens in tests.
"""

from __future__ import annotations

import asyncio

import redis.asyncio as aioredis

from gateway_project.proxy.client import InternalClient
from gateway_project.proxy.config import GatewayConfig
from gateway_project.proxy.ratelimit import OverBudget
from gateway_project.proxy.redispipe import ScriptPipe


class Runtime:
    """Configuration plus loop-bound clients."""

    def __init__(self, config: GatewayConfig) -> None:
        self.config = config
        self._loop: asyncio.AbstractEventLoop | None = None
        self._client: InternalClient | None = None
        self._redis: aioredis.Redis | None = None
        self._pipe: ScriptPipe | None = None
        self.over_budget = OverBudget()

    def _bind(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is loop:
            return
        config = self.config
        self._loop = loop
        self._client = InternalClient(
            connect_timeout=config.connect_timeout,
            read_timeout=config.read_timeout,
            retries=config.retries,
            failure_threshold=config.failure_threshold,
            reset_seconds=config.reset_seconds,
        )
        self._redis = aioredis.Redis.from_url(
            config.redis_url, socket_timeout=0.5, socket_connect_timeout=0.5, max_connections=512
        )
        self._pipe = ScriptPipe(config.redis_url, timeout=0.5)

    @property
    def client(self) -> InternalClient:
        """The pooled upstream client of the running loop."""
        if self._loop is not asyncio.get_running_loop():
            self._bind()
        return self._client  # type: ignore[return-value]  # _bind has just set it

    @property
    def redis(self) -> aioredis.Redis:
        """The async Redis client of the running loop."""
        if self._loop is not asyncio.get_running_loop():
            self._bind()
        return self._redis  # type: ignore[return-value]  # _bind has just set it

    @property
    def pipe(self) -> ScriptPipe:
        """The running loop's pipelined Redis connection for the rate limits' script."""
        if self._loop is not asyncio.get_running_loop():
            self._bind()
        return self._pipe  # type: ignore[return-value]  # _bind has just set it

    async def close(self) -> None:
        """Close the clients (lifespan shutdown, test teardown)."""
        if self._client is not None:
            await self._client.close()
        if self._redis is not None:
            await self._redis.aclose()
        if self._pipe is not None:
            await self._pipe.close()
        self._loop = self._client = self._redis = self._pipe = None


_runtime: Runtime | None = None


def get_runtime() -> Runtime:
    """The process's runtime, configured from settings on first use."""
    global _runtime
    if _runtime is None:
        _runtime = Runtime(GatewayConfig.from_settings())
    return _runtime


def set_runtime(runtime: Runtime | None) -> None:
    """Replace the process's runtime (tests use variants of the configuration)."""
    global _runtime
    _runtime = runtime
