"""A lean, pipelined Redis connection for the one script every API request runs.

redis-py's asyncio client takes a connection from its pool (a lock), packs the command,
waits for the reply and parses it in Python, for each call: about a fifth of the gateway's
CPU per request against a free upstream (bench/gateway.py). This connection writes each
call as it comes, with no lock, and matches replies to calls in order (Redis answers a
connection's commands in the order they came): the concurrent requests of a process
share one connection and their commands travel together. Only what the script needs is
spoken: EVALSHA (EVAL on NOSCRIPT), and AUTH and SELECT from the URL.

Errors are :class:`redis.exceptions.RedisError` or :class:`OSError` (a timeout is one), as
with redis-py, so the caller's fail-open handling is the same.
"""

from __future__ import annotations

import asyncio
import collections
import ssl
from typing import Any
from urllib.parse import unquote, urlsplit

from redis.exceptions import NoScriptError, ResponseError

Reply = int | bytes | str | list[Any] | None
_INCOMPLETE = object()


def pack(*args: str | bytes | int) -> bytes:
    """One command in RESP: an array of bulk strings."""
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = arg if isinstance(arg, bytes) else str(arg).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


def parse(buffer: bytearray, start: int) -> tuple[Any, int]:
    """The reply at ``start`` and where the next one begins; ``_INCOMPLETE`` when more bytes are needed."""
    end = buffer.find(b"\r\n", start)
    if end < 0:
        return _INCOMPLETE, start
    kind, line = buffer[start : start + 1], bytes(buffer[start + 1 : end])
    after = end + 2
    if kind == b":":
        return int(line), after
    if kind == b"$":
        length = int(line)
        if length < 0:
            return None, after
        if len(buffer) < after + length + 2:
            return _INCOMPLETE, start
        return bytes(buffer[after : after + length]), after + length + 2
    if kind == b"*":
        count = int(line)
        if count < 0:
            return None, after
        items = []
        for _ in range(count):
            item, after = parse(buffer, after)
            if item is _INCOMPLETE:
                return _INCOMPLETE, start
            items.append(item)
        return items, after
    if kind == b"+":
        return line.decode(), after
    if kind == b"-":
        message = line.decode()
        return (NoScriptError if message.startswith("NOSCRIPT") else ResponseError)(message), after
    raise ConnectionError(f"unexpected Redis reply {bytes(buffer[start:end])!r}")


class _Protocol(asyncio.Protocol):
    """Replies resolve the waiting futures in the order their commands were written."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.waiting: collections.deque[asyncio.Future[Reply]] = collections.deque()
        self.buffer = bytearray()
        self.closed = False
        self.outgoing: list[bytes] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # a stream connection's transport is a Transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        position = 0
        while self.waiting:
            reply, position_after = parse(self.buffer, position)
            if reply is _INCOMPLETE:
                break
            position = position_after
            future = self.waiting.popleft()
            if not future.done():  # its caller may have timed out and gone
                if isinstance(reply, Exception):
                    future.set_exception(reply)
                else:
                    future.set_result(reply)
        del self.buffer[:position]

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        while self.waiting:
            future = self.waiting.popleft()
            if not future.done():
                future.set_exception(ConnectionError(f"Redis connection lost: {exc!r}"))

    def call(self, command: bytes) -> asyncio.Future[Reply]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Reply] = loop.create_future()
        self.waiting.append(future)
        # The commands of one turn of the event loop leave in one write (one system call).
        if not self.outgoing:
            loop.call_soon(self.flush)
        self.outgoing.append(command)
        return future

    def flush(self) -> None:
        if self.transport is not None and not self.closed:
            self.transport.write(b"".join(self.outgoing))
        self.outgoing.clear()


class ScriptPipe:
    """One pipelined connection to the Redis of ``url`` (redis://, rediss://), opened on first use.

    Create it inside the event loop that uses it; :meth:`close` it on shutdown.
    """

    def __init__(self, url: str, *, timeout: float = 0.5) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 6379
        self.tls = parts.scheme == "rediss"
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        path = parts.path.strip("/")
        self.db = int(path) if path else 0
        self.timeout = timeout
        self._protocol: _Protocol | None = None
        self._connecting: asyncio.Task[_Protocol] | None = None

    async def evalsha(self, sha: str, script: str, keys: list[str], args: list[str]) -> Reply:
        """Run the script by its hash, and by its text when Redis does not know it (first call, a restart)."""
        try:
            return await self.call(pack("EVALSHA", sha, len(keys), *keys, *args))
        except NoScriptError:
            return await self.call(pack("EVAL", script, len(keys), *keys, *args))

    async def call(self, command: bytes) -> Reply:
        """Send one packed command and wait for its reply (``timeout`` seconds at most, connecting included)."""
        async with asyncio.timeout(self.timeout):
            protocol = self._protocol
            if protocol is None or protocol.closed:
                protocol = await self._connect()
            return await protocol.call(command)

    async def _connect(self) -> _Protocol:
        # Concurrent first calls share one connection attempt.
        if self._connecting is None or self._connecting.done():
            self._connecting = asyncio.ensure_future(self._open())
        try:
            return await asyncio.shield(self._connecting)
        finally:
            if self._connecting.done() and self._connecting.exception() is not None:
                self._connecting = None

    async def _open(self) -> _Protocol:
        loop = asyncio.get_running_loop()
        context = ssl.create_default_context() if self.tls else None
        _, protocol = await loop.create_connection(_Protocol, self.host, self.port, ssl=context)
        try:
            if self.password is not None:
                credentials = [self.username, self.password] if self.username else [self.password]
                await protocol.call(pack("AUTH", *credentials))
            if self.db:
                await protocol.call(pack("SELECT", self.db))
        except BaseException:
            if protocol.transport is not None:
                protocol.transport.close()
            raise
        self._protocol = protocol
        return protocol

    async def close(self) -> None:
        """Close the connection (calls in flight fail)."""
        if self._protocol is not None and self._protocol.transport is not None:
            self._protocol.transport.close()
        self._protocol = None
