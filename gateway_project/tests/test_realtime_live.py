"""Over real sockets: a ``websockets`` client and a ``socketio.AsyncClient`` on a uvicorn server both receive one push."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import socketio
import uvicorn
import websockets

from gateway_project.tests.realtime import push_to
from gateway_project.tests.upstream import free_socket

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("realtime")]


@pytest.fixture
def live_gateway(realtime) -> Iterator[str]:
    """The gateway's ASGI app served by uvicorn on a free port (in a thread); yields its host:port."""
    from gateway_project.asgi import application

    sock = free_socket()
    server = uvicorn.Server(
        uvicorn.Config(application, lifespan="on", log_level="warning", timeout_graceful_shutdown=1)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(5)


async def ticket_from(address: str, token: str) -> str:
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        response = await http.post("/api/v1/realtime/ticket", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    return response.json()["ticket"]


async def test_one_push_reaches_a_websocket_client_and_a_socketio_client(live_gateway, token_for):
    received: asyncio.Queue[tuple[str, object]] = asyncio.Queue()
    sio = socketio.AsyncClient(reconnection=False)

    @sio.on("*")
    async def on_event(event: str, data: object) -> None:
        await received.put((event, data))

    ticket = await ticket_from(live_gateway, token_for("alice"))
    cookie = {"Cookie": f"bazaar_access={token_for('alice')}"}
    async with websockets.connect(f"ws://{live_gateway}/ws/", additional_headers=cookie) as ws:
        assert json.loads(await ws.recv())["type"] == "presence.online"
        await sio.connect(f"http://{live_gateway}", auth={"ticket": ticket}, transports=["websocket"])
        try:
            assert (await asyncio.wait_for(received.get(), 3))[0] == "presence.online"

            pushed = await push_to("alice", "notification.created", {"id": 1, "title": "Order placed"})

            assert json.loads(await asyncio.wait_for(ws.recv(), 3)) == pushed
            assert await asyncio.wait_for(received.get(), 3) == ("notification.created", pushed["data"])
        finally:
            await sio.disconnect()


async def test_socketio_refuses_a_client_without_credentials(live_gateway):
    sio = socketio.AsyncClient(reconnection=False)

    with pytest.raises(socketio.exceptions.ConnectionError):
        await sio.connect(f"http://{live_gateway}", auth={"ticket": "made-up"}, transports=["websocket"])


async def test_socketio_events_are_checked_like_websocket_frames(live_gateway, token_for):
    received: asyncio.Queue[tuple[str, object]] = asyncio.Queue()
    sio = socketio.AsyncClient(reconnection=False)

    @sio.on("*")
    async def on_event(event: str, data: object) -> None:
        await received.put((event, data))

    ticket = await ticket_from(live_gateway, token_for("alice"))
    await sio.connect(f"http://{live_gateway}", auth={"ticket": ticket}, transports=["websocket"])
    try:
        assert (await asyncio.wait_for(received.get(), 3))[0] == "presence.online"

        await sio.emit("chat.typing", {"to": "mallory"})

        event, data = await asyncio.wait_for(received.get(), 3)
        assert (event, data["code"]) == ("error", "not_a_contact")
    finally:
        await sio.disconnect()


async def test_a_websocket_from_a_foreign_origin_is_refused_at_the_handshake(live_gateway, token_for):
    headers = {"Cookie": f"bazaar_access={token_for('alice')}", "Origin": "https://evil.example"}

    with pytest.raises(websockets.exceptions.InvalidStatus) as refused:
        async with websockets.connect(f"ws://{live_gateway}/ws/", additional_headers=headers):
            pass

    assert refused.value.response.status_code == 403
