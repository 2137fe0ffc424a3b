"""Closing revoked connections at once, on every gateway process.

The auth service publishes a :class:`common.auth.revocation.Revocation` on a Redis pub/sub
channel when a user signs out (that session's tokens), changes or resets the password, or
is deactivated by staff (a new token epoch). Each process keeps its live sessions by user
and closes, with 4401, those whose token the revocation refuses.

One listener per process (per event loop), running while the process has connections,
like the heartbeat. A session is watched from :meth:`Revocations.watch`: once the
listener is subscribed, the session's token is checked against Redis again, so a
revocation written between the handshake's check and the subscription is not missed. A
listener that lost Redis re-subscribes and re-checks every live session the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from common.auth.revocation import Revocation, channel_name
from gateway_project.proxy.runtime import get_runtime
from gateway_project.realtime.auth import Refused, check_not_revoked

if TYPE_CHECKING:
    from gateway_project.realtime.session import Session

logger = logging.getLogger("gateway.realtime")

SUBSCRIBE_WAIT = 1.0  # how long a new connection waits for the listener before it fails open
RETRY_SECONDS = 1.0
CLIENT_NAME = "bazaar-revocations"  # the listener's connection, as CLIENT LIST shows it


class Revocations:
    """This process's live sessions by user, and the listener that closes the revoked ones."""

    def __init__(self) -> None:
        self._by_user: dict[int, set[Session]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()
        self._closing: set[asyncio.Task[None]] = set()

    async def watch(self, session: Session) -> None:
        """Close ``session`` when its token is revoked, from now on (and now, if it already is)."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (tests): what the old one knew is gone with it
            self._by_user, self._loop, self._task = {}, loop, None
            self._subscribed = asyncio.Event()
        self._by_user.setdefault(session.user.id, set()).add(session)
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._listen(get_runtime().config.redis_url))
        try:
            await asyncio.wait_for(self._subscribed.wait(), SUBSCRIBE_WAIT)
        except TimeoutError:
            logger.warning("revocations not subscribed yet: connection watched from when they are")
            return
        await self._recheck(session)

    def forget(self, session: Session) -> None:
        """Stop watching ``session`` (its connection closed); the listener stops with the last one."""
        sessions = self._by_user.get(session.user.id)
        if sessions is not None:
            sessions.discard(session)
            if not sessions:
                del self._by_user[session.user.id]
        if not self._by_user and self._task is not None:
            self._task.cancel()
            self._task = None
            self._subscribed.clear()

    def apply(self, revocation: Revocation) -> int:
        """Close this process's sessions that ``revocation`` refuses; how many."""
        refused = [s for s in self._by_user.get(revocation.user_id, ()) if revocation.refuses(s.user.token_claims())]
        for session in refused:
            self._close(session)
        return len(refused)

    def _close(self, session: Session) -> None:
        self.forget(session)
        task = asyncio.get_running_loop().create_task(session.revoke())
        self._closing.add(task)  # a reference until it is done: the loop only keeps weak ones
        task.add_done_callback(self._closing.discard)

    async def _recheck(self, session: Session) -> None:
        try:
            await check_not_revoked(session.redis, session.user)
        except Refused:
            self._close(session)

    async def _listen(self, redis_url: str) -> None:
        """Apply every revocation auth publishes; on a lost connection, re-subscribe and re-check."""
        while True:
            client = aioredis.Redis.from_url(
                redis_url, socket_connect_timeout=1.0, health_check_interval=10, client_name=CLIENT_NAME
            )
            try:
                async with client.pubsub(ignore_subscribe_messages=True) as pubsub:
                    await pubsub.subscribe(channel_name(client))
                    self._subscribed.set()
                    await self._recheck_all()
                    await self._relay(pubsub)
            except (RedisError, OSError) as error:
                self._subscribed.clear()
                logger.warning("revocations listener lost redis; retrying", extra={"error": repr(error)})
                await asyncio.sleep(RETRY_SECONDS)
            finally:
                with contextlib.suppress(Exception):
                    await client.aclose()

    async def _relay(self, pubsub: aioredis.client.PubSub) -> None:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is None:
                continue
            try:
                revocation = Revocation.loads(message["data"])
            except (ValueError, KeyError, TypeError):
                logger.warning("unreadable revocation ignored")
                continue
            closed = self.apply(revocation)
            if closed:
                logger.info("revoked connections closed", extra={"user_id": revocation.user_id, "count": closed})

    async def _recheck_all(self) -> None:
        """After (re)subscribing: close what was revoked while nobody listened."""
        for sessions in list(self._by_user.values()):
            for session in list(sessions):
                await self._recheck(session)


REVOCATIONS = Revocations()
