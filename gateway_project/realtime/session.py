"""One signed-in connection, whatever carries it (a Channels websocket or a Socket.IO socket).

The session joins ``user.<id>`` on the channel layer, so one push from any process
reaches every connection of the user on every gateway process. It keeps the user's
presence alive (through the process's one :data:`.heartbeat.HEARTBEAT`), closes the
connection when the access token expires (a timer, not a sleeping task) or is revoked
(:data:`.revocations.REVOCATIONS`), and handles the client's frames: typing (to contacts
only, rate-limited) and presence pings.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import redis.asyncio as aioredis
from django.conf import settings
from redis.exceptions import RedisError

from gateway_project.realtime import contacts, presence
from gateway_project.realtime.auth import UNAUTHENTICATED, User
from gateway_project.realtime.frames import Frame, FrameError, frame, push_message
from gateway_project.realtime.heartbeat import HEARTBEAT
from gateway_project.realtime.keys import user_group
from gateway_project.realtime.revocations import REVOCATIONS

logger = logging.getLogger("gateway.realtime")


class Transport(Protocol):
    """What a session needs from the connection that carries it."""

    async def send_frame(self, to_send: Frame) -> None: ...

    async def close_connection(self, code: int) -> None: ...


class TypingLimit:
    """At most ``per_second`` typing frames in any second, per connection."""

    __slots__ = ("per_second", "_times")

    def __init__(self, per_second: int) -> None:
        self.per_second = per_second
        self._times: list[float] = []  # at most per_second entries; an empty list is all most sessions hold

    def allow(self) -> bool:
        now = time.monotonic()
        self._times = [at for at in self._times if now - at < 1.0]
        if len(self._times) >= self.per_second:
            return False
        self._times.append(now)
        return True


class Session:
    """The life of one connection: :meth:`open`, then :meth:`receive` and :meth:`deliver`, then :meth:`close`."""

    def __init__(self, user: User, channel: str, transport: Transport, layer: Any, redis: aioredis.Redis) -> None:
        self.user = user
        self.channel = channel
        self.transport = transport
        self.layer = layer
        self.redis = redis
        self.typing = TypingLimit(settings.REALTIME_TYPING_PER_SECOND)
        self._expiry: asyncio.TimerHandle | None = None
        self._expiring: asyncio.Task[None] | None = None

    async def open(self) -> None:
        """Join the user's group, come online, say who of my contacts is online, tell them I am."""
        await self.layer.group_add(user_group(self.user.id), self.channel)
        first = await presence.arrive(self.redis, self.user.id, self.channel)
        known = await contacts.of(self.redis, self.user.id)
        online = await presence.online(self.redis, list(known))
        await self.transport.send_frame(frame("presence.online", {"usernames": sorted(known[i] for i in online)}))
        if first:
            await self._tell(online, "presence.online")
        HEARTBEAT.add(self.redis, self.user.id, self.channel)
        self._expiry = asyncio.get_running_loop().call_later(
            max(self.user.expires_at - time.time(), 0), self._start_expiring
        )
        await REVOCATIONS.watch(self)

    async def close(self) -> None:
        """Stop the timers, leave the group, and go offline if this was the user's last connection."""
        HEARTBEAT.discard(self.channel)
        REVOCATIONS.forget(self)
        if self._expiry is not None:
            self._expiry.cancel()
        if self._expiring is not None and self._expiring is not asyncio.current_task():
            self._expiring.cancel()
        await self.layer.group_discard(user_group(self.user.id), self.channel)
        try:
            if await presence.leave(self.redis, self.user.id, self.channel):
                known = await contacts.of(self.redis, self.user.id)
                await self._tell(await presence.online(self.redis, list(known)), "presence.offline")
        except (RedisError, OSError) as error:
            logger.warning("presence not updated on close", extra={"error": repr(error)})

    async def receive(self, type_: str, data: dict[str, Any]) -> None:
        """Act on a checked client frame (:func:`frames.check`); a refusal becomes an ``error`` frame."""
        try:
            await HANDLERS[type_](self, data)
        except FrameError as error:
            await self.transport.send_frame(error.frame())

    async def refuse(self, error: FrameError) -> None:
        """Answer a frame that failed its checks; the connection stays open."""
        await self.transport.send_frame(error.frame())

    async def deliver(self, message: dict[str, Any]) -> None:
        """Send the frame a channel-layer push carries."""
        await self.transport.send_frame(message["frame"])

    async def _typing(self, data: dict[str, Any]) -> None:
        if not self.typing.allow():
            raise FrameError("rate_limited", "Too many typing frames; slow down.")
        to = data["to"]
        known = await contacts.of(self.redis, self.user.id)
        target = next((i for i, name in known.items() if to in (i, name)), None)
        if target is None:
            raise FrameError("not_a_contact", "You can only tell your contacts you are typing.")
        await self._send_to(target, frame("chat.typing", {"from": self.user.username}))

    async def _ping(self, data: dict[str, Any]) -> None:
        await presence.refresh(self.redis, self.user.id, self.channel)

    async def _tell(self, user_ids: list[int], type_: str) -> None:
        """Tell ``user_ids`` that I came online or went offline."""
        for user_id in user_ids:
            await self._send_to(user_id, frame(type_, {"usernames": [self.user.username]}))

    async def _send_to(self, user_id: int, to_send: Frame) -> None:
        await self.layer.group_send(user_group(user_id), push_message(to_send))

    def _start_expiring(self) -> None:
        self._expiring = asyncio.create_task(self._expire())

    async def _expire(self) -> None:
        """Close the connection when the access token expires: the client reconnects with a fresh one."""
        await asyncio.sleep(max(self.user.expires_at - time.time(), 0))
        await self.transport.send_frame(frame("error", {"code": "token_expired", "detail": "Token expired."}))
        await self.transport.close_connection(UNAUTHENTICATED)

    async def revoke(self) -> None:
        """Close the connection because its token was revoked (sign-out, password, deactivation)."""
        try:
            await self.transport.send_frame(
                frame("error", {"code": "token_revoked", "detail": "Token has been revoked."})
            )
        finally:
            await self.transport.close_connection(UNAUTHENTICATED)


# What each client frame type does (frames.CLIENT_FRAMES); one table for every session.
HANDLERS: dict[str, Callable[[Session, dict[str, Any]], Awaitable[None]]] = {
    "chat.typing": Session._typing,
    "presence.ping": Session._ping,
}
