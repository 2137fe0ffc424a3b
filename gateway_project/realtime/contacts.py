"""Who may see my typing and presence: the people I exchanged a message with.

The worker learns contacts from ``chat.message.sent`` (the gateway has no database);
the web process reads them. A hash per user: contact id → contact username.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import cast

import redis
import redis.asyncio as aioredis
from django.conf import settings

from gateway_project.realtime.keys import contacts_key


def remember(client: redis.Redis, first: tuple[int, str], second: tuple[int, str]) -> None:
    """Make two users each other's contacts (kept ``REALTIME_CONTACT_DAYS`` after their last message)."""
    ttl = int(settings.REALTIME_CONTACT_DAYS * 86400)
    pipe = client.pipeline(transaction=False)
    for (user_id, _), (other_id, other_name) in ((first, second), (second, first)):
        pipe.hset(contacts_key(user_id), str(other_id), other_name)
        pipe.expire(contacts_key(user_id), ttl)
    pipe.execute()


async def of(client: aioredis.Redis, user_id: int) -> dict[int, str]:
    """``user_id``'s contacts: id → username."""
    # redis-py types a command of its asyncio client as "an awaitable or the value".
    raw = await cast(Awaitable[dict[bytes, bytes]], client.hgetall(contacts_key(user_id)))
    return {int(key): value.decode() for key, value in raw.items()}
