"""Real-time clients for the e2e tests: a websocket on ``/ws/`` and a Socket.IO client on ``/socket.io/``.

Both read the same frames (``{"type", "data"}``) and offer the same blocking calls, so a
test reads ``frames.receive("chat.message")`` whatever carries them. Frames of other types
that arrive first are kept, not lost: a later ``receive`` of their type finds them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import ssl
import threading
import time
from typing import Any

import aiohttp
import httpx
import socketio
from websockets.sync.client import ClientConnection
from websockets.sync.client import connect as websocket_connect

Frame = tuple[str, dict[str, Any]]
TICKET = "/api/v1/realtime/ticket"


def ticket_for(browser: httpx.Client, *, bearer: str | None = None) -> str:
    """A single-use ticket for the account signed in on ``browser`` (its cookies, or ``bearer``)."""
    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    response = browser.post(TICKET, headers=headers)
    assert response.status_code == 200, response.text
    return str(response.json()["ticket"])


class Frames:
    """What both clients share: waiting for a frame of a type, and proving none comes."""

    def __init__(self) -> None:
        self.backlog: list[Frame] = []

    def _next(self, timeout: float) -> Frame | None:
        """The next frame off the wire, or None when none arrives within ``timeout``."""
        raise NotImplementedError

    def send(self, type_: str, data: dict[str, Any] | None = None) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def receive(self, type_: str, timeout: float = 10, **fields: Any) -> dict[str, Any]:
        """The data of the first frame of ``type_`` whose data has ``fields`` (kept, or arriving within ``timeout``)."""
        deadline = time.monotonic() + timeout
        while (found := self._take(type_, fields)) is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {type_} {fields or ''} frame within {timeout}s; other frames: {self.backlog}")
            frame = self._next(left)
            if frame is not None:
                self.backlog.append(frame)
        return found

    def receive_nothing(self, type_: str, within: float = 1.0) -> None:
        """Fails when a frame of ``type_`` is kept or arrives within ``within`` seconds."""
        deadline = time.monotonic() + within
        while (left := deadline - time.monotonic()) > 0:
            frame = self._next(left)
            if frame is not None:
                self.backlog.append(frame)
        unexpected = self._take(type_)
        assert unexpected is None, f"unexpected {type_} frame: {unexpected}"

    def take_all(self, type_: str, within: float) -> list[dict[str, Any]]:
        """The data of every frame of ``type_``, kept or arriving within ``within`` seconds, in order (others stay kept)."""
        deadline = time.monotonic() + within
        while (left := deadline - time.monotonic()) > 0:
            frame = self._next(left)
            if frame is not None:
                self.backlog.append(frame)
        taken = [data for kind, data in self.backlog if kind == type_]
        self.backlog = [(kind, data) for kind, data in self.backlog if kind != type_]
        return taken

    def _take(self, type_: str, fields: dict[str, Any] | None = None) -> dict[str, Any] | None:
        for index, (kind, data) in enumerate(self.backlog):
            if kind == type_ and all(data.get(name) == value for name, value in (fields or {}).items()):
                del self.backlog[index]
                return data
        return None

    def __enter__(self) -> Frames:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class WebSocketFrames(Frames):
    """``/ws/?ticket=…`` through the ``websockets`` package (its blocking client)."""

    def __init__(self, connection: ClientConnection, stack: contextlib.ExitStack) -> None:
        super().__init__()
        self.connection = connection
        self._stack = stack

    @classmethod
    def open(cls, gateway_url: str, ticket: str, tls: ssl.SSLContext | None = None) -> WebSocketFrames:
        """``ws://`` for an ``http://`` gateway, ``wss://`` (checked against ``tls``) for ``https://``."""
        url = "ws" + gateway_url.removeprefix("http") + f"/ws/?ticket={ticket}"
        options = {"ssl": tls} if tls is not None else {}
        # websockets wants its connection used as a context manager: the stack exits it on close.
        stack = contextlib.ExitStack()
        return cls(stack.enter_context(websocket_connect(url, open_timeout=10, **options)), stack)

    def _next(self, timeout: float) -> Frame | None:
        try:
            text = self.connection.recv(timeout=timeout)
        except TimeoutError:
            return None
        frame = json.loads(text)
        return frame["type"], frame["data"]

    def send(self, type_: str, data: dict[str, Any] | None = None) -> None:
        self.send_text(json.dumps({"type": type_, "data": data or {}}))

    def send_text(self, text: str) -> None:
        """Any text, well-formed frame or not."""
        self.connection.send(text)

    def close(self) -> None:
        self._stack.close()


class SocketIOFrames(Frames):
    """``/socket.io/`` through python-socketio's asyncio client, run on its own event loop thread."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        super().__init__()
        self.arrived: queue.Queue[Frame] = queue.Queue()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        # engine.io makes its HTTP session (which carries the websocket) with this factory.
        options = {"http_session": lambda: self._session(tls)} if tls is not None else {}
        self.client = socketio.AsyncClient(reconnection=False, **options)
        self.client.on("*", self._on_event)

    @classmethod
    def open(cls, gateway_url: str, ticket: str, tls: ssl.SSLContext | None = None) -> SocketIOFrames:
        """Over ``wss://`` for an ``https://`` gateway, checking its certificate against ``tls``."""
        frames = cls(tls)
        try:
            frames._run(frames.client.connect(gateway_url, auth={"ticket": ticket}, transports=["websocket"]))
        except BaseException:
            frames._stop_loop()
            raise
        return frames

    @staticmethod
    async def _session(tls: ssl.SSLContext) -> aiohttp.ClientSession:
        """An HTTP session whose connections trust ``tls``, made on the client's loop."""
        return aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=tls))

    async def _on_event(self, event: str, data: Any = None) -> None:
        self.arrived.put((event, data))

    def _run(self, coroutine: Any, timeout: float = 10) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def _next(self, timeout: float) -> Frame | None:
        try:
            return self.arrived.get(timeout=timeout)
        except queue.Empty:
            return None

    def send(self, type_: str, data: dict[str, Any] | None = None) -> None:
        self._run(self.client.emit(type_, data or {}))

    def close(self) -> None:
        try:
            self._run(self.client.disconnect())
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()
