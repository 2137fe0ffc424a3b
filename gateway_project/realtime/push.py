"""Pushing a frame to users from the worker (sync code): one ``group_send`` per user."""

from __future__ import annotations

from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from gateway_project.realtime.frames import Frame, push_message
from gateway_project.realtime.keys import user_group


def to_users(user_ids: Iterable[int], to_send: Frame) -> None:
    """Send ``to_send`` to every connection of each of ``user_ids`` (each user once)."""
    async_to_sync(_send)(list(dict.fromkeys(user_ids)), to_send)


async def _send(user_ids: list[int], to_send: Frame) -> None:
    layer = get_channel_layer()
    message = push_message(to_send)
    for user_id in user_ids:
        await layer.group_send(user_group(user_id), message)
