"""Names shared by the web process and the worker: channel-layer groups and Redis keys.

Every Redis key starts with ``settings.REALTIME_KEY_PREFIX`` so that tests (and two
fleets on one Redis) never see each other's tickets, contacts or presence.
"""

from __future__ import annotations

from django.conf import settings

from common import presence


def user_group(user_id: int) -> str:
    """The channel-layer group every connection of ``user_id`` joins."""
    return f"user.{user_id}"


def _key(*parts: object) -> str:
    return ":".join([settings.REALTIME_KEY_PREFIX, *map(str, parts)])


def ticket_key(ticket: str) -> str:
    """A websocket ticket (single use, short-lived)."""
    return _key("ticket", ticket)


def contacts_key(user_id: int) -> str:
    """Hash of ``user_id``'s contacts: contact id → contact username."""
    return _key("contacts", user_id)


def presence_key(user_id: int) -> str:
    """Sorted set of ``user_id``'s live connections, scored by when each expires.

    Named in common: services read it there to know who is offline (``common.presence``).
    """
    return presence.presence_key(user_id)
