"""``/socket.io/``: the same real time for Socket.IO clients, on the same channel-layer groups.

Each Socket.IO connection gets its own channel-layer channel, which its session adds to
``user.<id>``; a relay task sends what arrives on it as a Socket.IO event named like the
frame's type. So one push from the worker reaches websocket and Socket.IO clients alike,
on whichever gateway process they are connected to. Events a client emits are checked
and handled like websocket frames; a refusal is an ``error`` event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import socketio
from channels.layers import get_channel_layer

from gateway_project.proxy.inbound import request_headers
from gateway_project.proxy.runtime import get_runtime
from gateway_project.realtime.auth import Refused, User, authenticate
from gateway_project.realtime.frames import PUSH, Frame, FrameError, check
from gateway_project.realtime.session import Session

logger = logging.getLogger("gateway.realtime")
PATH = "socket.io"


class SocketTransport:
    """A session's view of one Socket.IO connection."""

    def __init__(self, server: socketio.AsyncServer, sid: str) -> None:
        self.server = server
        self.sid = sid

    async def send_frame(self, to_send: Frame) -> None:
        await self.server.emit(to_send["type"], to_send["data"], to=self.sid)

    async def close_connection(self, code: int) -> None:
        await self.server.disconnect(self.sid)


class SocketIOGateway:
    """The Socket.IO server and the session of each of its connections."""

    def __init__(self, allowed_origins: list[str]) -> None:
        self.server = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins=allowed_origins)
        self.sessions: dict[str, Session] = {}
        self.relays: dict[str, asyncio.Task[None]] = {}
        self.server.on("connect", self.connect)
        self.server.on("disconnect", self.disconnect)
        self.server.on("*", self.receive)
        self.application = socketio.ASGIApp(self.server, socketio_path=PATH)

    async def connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        runtime = get_runtime()
        ticket = auth.get("ticket") if isinstance(auth, dict) else None
        try:
            user = await authenticate(
                runtime.config,
                runtime.redis,
                request_headers(environ["asgi.scope"]),
                environ.get("QUERY_STRING", ""),
                ticket if isinstance(ticket, str) else None,
            )
        except Refused as refusal:
            logger.info("socket.io connection refused", extra={"reason": refusal.code})
            raise socketio.exceptions.ConnectionRefusedError({"code": refusal.code}) from None
        # Frames can only be emitted once the connection is established, after this returns.
        self.relays[sid] = asyncio.create_task(self._run(sid, user))

    async def _run(self, sid: str, user: User) -> None:
        """Open the session, then relay its channel's pushes until the connection ends."""
        layer = get_channel_layer()
        channel = await layer.new_channel()
        session = Session(user, channel, SocketTransport(self.server, sid), layer, get_runtime().redis)
        self.sessions[sid] = session
        await session.open()
        while True:
            message = await layer.receive(channel)
            if message.get("type") == PUSH:
                await session.deliver(message)

    async def disconnect(self, sid: str, reason: Any = None) -> None:
        relay = self.relays.pop(sid, None)
        if relay is not None:
            relay.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await relay
        session = self.sessions.pop(sid, None)
        if session is not None:
            await session.close()

    async def receive(self, event: str, sid: str, data: Any = None) -> None:
        session = self.sessions.get(sid)
        if session is None:
            return
        try:
            type_, checked = check(event, data)
        except FrameError as error:
            await session.refuse(error)
            return
        await session.receive(type_, checked)
