"""Who is online: each live connection is a member of ``presence:<user id>``, scored by its expiry.

A connection is refreshed by the client's ``presence.ping`` and by the process's heartbeat
(:mod:`.heartbeat`); one that stops being refreshed (a crashed gateway) drops out at its
score, and the whole key expires with the last of them: no ghost outlives ``REALTIME_PRESENCE_SECONDS``.
A user is online while any of their connections is live.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import redis.asyncio as aioredis
from django.conf import settings

from gateway_project.realtime.keys import presence_key


def presence_seconds() -> float:
    return float(settings.REALTIME_PRESENCE_SECONDS)


async def arrive(client: aioredis.Redis, user_id: int, connection: str) -> bool:
    """Mark ``connection`` live; True when it is the user's only live one (they just came online)."""
    now, ttl = time.time(), presence_seconds()
    key = presence_key(user_id)
    pipe = client.pipeline(transaction=True)
    pipe.zremrangebyscore(key, "-inf", now)
    pipe.zcard(key)
    pipe.zadd(key, {connection: now + ttl})
    pipe.pexpire(key, int(ttl * 1000))
    _, before, _, _ = await pipe.execute()
    return int(before) == 0


async def refresh(client: aioredis.Redis, user_id: int, connection: str) -> None:
    """Push ``connection``'s expiry ``REALTIME_PRESENCE_SECONDS`` ahead."""
    now, ttl = time.time(), presence_seconds()
    key = presence_key(user_id)
    pipe = client.pipeline(transaction=True)
    pipe.zadd(key, {connection: now + ttl})
    pipe.pexpire(key, int(ttl * 1000))
    await pipe.execute()


async def refresh_many(client: aioredis.Redis, connections: Iterable[tuple[int, str]]) -> None:
    """:func:`refresh` for many ``(user id, connection)`` at once, in one round trip (the heartbeat's)."""
    now, ttl = time.time(), presence_seconds()
    pipe = client.pipeline(transaction=False)
    for user_id, connection in connections:
        key = presence_key(user_id)
        pipe.zadd(key, {connection: now + ttl})
        pipe.pexpire(key, int(ttl * 1000))
    await pipe.execute()


async def leave(client: aioredis.Redis, user_id: int, connection: str) -> bool:
    """Forget ``connection``; True when the user has no live connection left (they went offline)."""
    key = presence_key(user_id)
    pipe = client.pipeline(transaction=True)
    pipe.zrem(key, connection)
    pipe.zremrangebyscore(key, "-inf", time.time())
    pipe.zcard(key)
    _, _, left = await pipe.execute()
    return int(left) == 0


async def online(client: aioredis.Redis, user_ids: list[int]) -> list[int]:
    """Those of ``user_ids`` with a live connection."""
    if not user_ids:
        return []
    now = time.time()
    pipe = client.pipeline(transaction=False)
    for user_id in user_ids:
        pipe.zcount(presence_key(user_id), now, "+inf")
    counts = await pipe.execute()
    return [user_id for user_id, count in zip(user_ids, counts, strict=True) if count]
