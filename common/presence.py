"""Whether a user has a live real-time connection at the gateway, for services that must know.

The gateway (``gateway_project/realtime/presence.py``) keeps each user's live connections
in the Redis sorted set named here, scored by when each expires; a service reads it through
this module instead of importing the gateway or asking it per event. The key's prefix is
``REALTIME_KEY_PREFIX``, the same setting in the gateway and in the reader.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from redis.exceptions import RedisError

from common.redis import get_redis

log = logging.getLogger(__name__)


def presence_key(user_id: int) -> str:
    """The sorted set of ``user_id``'s live connections, scored by when each expires."""
    return f"{settings.REALTIME_KEY_PREFIX}:presence:{user_id}"


def is_online(user_id: int) -> bool:
    """True while any connection of ``user_id`` is live.

    When Redis cannot answer, False: a reader that notifies the offline would rather tell
    someone twice (in the app and live) than not at all.
    """
    try:
        return bool(get_redis().zcount(presence_key(user_id), time.time(), "+inf"))
    except RedisError as error:
        log.warning("presence unknown, taken as offline", extra={"error": repr(error)})
        return False
