"""Helpers of the real-time tests: open ``/ws/`` on the real ASGI app, read frames, make contacts."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator

from common.testing.plugin import PERSONAS
from gateway_project.realtime.frames import frame, push_message
from gateway_project.realtime.keys import contacts_key, user_group

QUIET = 0.3  # how long "nothing arrives" is watched for


def communicator(
    *, token: str | None = None, origin: str | None = None, query: str = "", path: str = "/ws/"
) -> WebsocketCommunicator:
    """A websocket client of the gateway's real ASGI router."""
    from gateway_project.asgi import application

    headers = [(b"host", b"testserver")]
    if token is not None:
        headers.append((b"cookie", f"bazaar_access={token}".encode()))
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    return WebsocketCommunicator(application, f"{path}?{query}" if query else path, headers=headers)


async def connected(**kwargs: Any) -> WebsocketCommunicator:
    """An accepted connection, past its first ``presence.online`` frame."""
    client = communicator(**kwargs)
    accepted, code = await client.connect()
    assert accepted, f"refused with {code}"
    first = await client.receive_json_from(timeout=2)
    assert first["type"] == "presence.online"
    return client


async def refusal(**kwargs: Any) -> tuple[bool, Any]:
    """``connect()``'s answer for a handshake expected to be refused."""
    client = communicator(**kwargs)
    answer = await client.connect()
    await client.disconnect()
    return answer


async def next_frame(client: WebsocketCommunicator, timeout: float = 2) -> dict[str, Any]:
    return await client.receive_json_from(timeout=timeout)


async def nothing_arrives(client: WebsocketCommunicator) -> bool:
    return await client.receive_nothing(timeout=QUIET)


async def send(client: WebsocketCommunicator, type_: str, data: Any = None) -> None:
    await client.send_to(text_data=json.dumps({"type": type_, "data": data}))


async def push_to(name: str, type_: str = "notification.created", data: dict[str, Any] | None = None) -> dict[str, Any]:
    """Push a frame to a persona's group, as the worker does; returns the frame."""
    pushed = frame(type_, data or {"title": "hello"})
    await get_channel_layer().group_send(user_group(PERSONAS[name].user_id), push_message(pushed))
    return pushed


async def make_contacts(redis: Any, first: str, second: str) -> None:
    """What the worker records when ``first`` and ``second`` exchange a message."""
    a, b = PERSONAS[first], PERSONAS[second]
    await redis.hset(contacts_key(a.user_id), str(b.user_id), b.username)
    await redis.hset(contacts_key(b.user_id), str(a.user_id), a.username)


async def settle() -> None:
    """Let the server side finish what a disconnect started."""
    await asyncio.sleep(0.05)
