"""``/ws/``: the Channels websocket consumer, a thin transport around :class:`Session`."""

from __future__ import annotations

import logging
from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer

from gateway_project.proxy.inbound import request_headers
from gateway_project.proxy.responses import dumps
from gateway_project.proxy.runtime import get_runtime
from gateway_project.realtime.auth import UNAUTHENTICATED, Refused, authenticate
from gateway_project.realtime.frames import Frame, FrameError, parse
from gateway_project.realtime.session import Session

logger = logging.getLogger("gateway.realtime")


class RealtimeConsumer(AsyncWebsocketConsumer):
    """Authenticate the handshake, then relay frames both ways through the session."""

    session: Session | None = None

    async def connect(self) -> None:
        runtime = get_runtime()
        query = self.scope.get("query_string", b"").decode("latin-1")
        try:
            user = await authenticate(runtime.config, runtime.redis, request_headers(self.scope), query)
        except Refused as refusal:
            logger.info("websocket refused", extra={"reason": refusal.code})
            await self.close(code=UNAUTHENTICATED)  # before accept: the handshake fails
            return
        await self.accept()
        self.session = Session(user, self.channel_name, self, self.channel_layer, runtime.redis)
        await self.session.open()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.session is None:
            return
        try:
            type_, data = parse(text_data)
        except FrameError as error:
            await self.session.refuse(error)
            return
        await self.session.receive(type_, data)

    async def disconnect(self, code: int) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            await session.close()

    # Channels dispatches a channel-layer message by its type: ``frames.PUSH`` lands here.
    async def realtime_push(self, message: dict[str, Any]) -> None:
        """A frame pushed to one of this connection's groups."""
        if self.session is not None:
            await self.session.deliver(message)

    async def send_frame(self, to_send: Frame) -> None:
        await self.send(text_data=dumps(to_send).decode())

    async def close_connection(self, code: int) -> None:
        await self.close(code=code)


application = RealtimeConsumer.as_asgi()
