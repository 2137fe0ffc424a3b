"""One heartbeat per process for the presence of every live connection.

A task per connection that wakes up every ``REALTIME_PRESENCE_SECONDS / 3`` costs a task,
a coroutine frame and a Redis round trip per connection; this loop refreshes them all in
a few pipelined round trips, and costs one dict entry per connection.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from gateway_project.realtime import presence

BATCH = 500  # connections refreshed per pipeline: one bounded reply, no head-of-line stall


class Heartbeat:
    """The live connections of this process (channel → user and Redis client), and the loop refreshing them."""

    def __init__(self) -> None:
        self._live: dict[str, tuple[int, aioredis.Redis]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None

    def add(self, redis: aioredis.Redis, user_id: int, channel: str) -> None:
        """Keep ``channel``'s presence alive from now on (the loop starts with the first connection)."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (tests): what the old one knew is gone with it
            self._live, self._loop, self._task = {}, loop, None
        self._live[channel] = (user_id, redis)
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._run())

    def discard(self, channel: str) -> None:
        """Stop refreshing ``channel`` (its connection closed)."""
        self._live.pop(channel, None)

    def __len__(self) -> int:
        return len(self._live)

    async def _run(self) -> None:
        """Refresh three times per expiry, so a live connection never drops out; stop when none is left."""
        while self._live:
            await asyncio.sleep(presence.presence_seconds() / 3)
            await self.beat()

    async def beat(self) -> None:
        """Refresh every live connection now; a Redis failure skips this beat, the next one retries."""
        for redis, connections in self._by_client().items():
            for batch in _chunks(connections, BATCH):
                with contextlib.suppress(RedisError, OSError):
                    await presence.refresh_many(redis, batch)

    def _by_client(self) -> dict[aioredis.Redis, list[tuple[int, str]]]:
        grouped: dict[aioredis.Redis, list[tuple[int, str]]] = {}
        for channel, (user_id, redis) in list(self._live.items()):
            grouped.setdefault(redis, []).append((user_id, channel))
        return grouped


def _chunks(items: list[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


HEARTBEAT = Heartbeat()
