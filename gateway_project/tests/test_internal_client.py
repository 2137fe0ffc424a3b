"""The internal client against a real HTTP server on a free loopback port.

The server is a few lines of asyncio so each test can make it answer, hang, drop the
connection without answering, or answer 503; it records every request it reads and
closes the connection after each answer, so every call opens a fresh one (aiohttp's own
retry of a reused keep-alive connection never blurs what the client itself retries).
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from gateway_project.proxy.breaker import CLOSED, OPEN, CircuitBreaker
from gateway_project.proxy.client import CircuitOpen, InternalClient, ServiceDown, ServiceTimeout

pytestmark = pytest.mark.anyio

READ_TIMEOUT = 0.3
THRESHOLD = 3
RESET_SECONDS = 30.0
OK_BODY = b'{"ok":true}'


@dataclass
class Received:
    """One request as the server read it."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Server:
    """``/hang`` waits for the test to end, ``/drop`` closes without answering, ``/flaky``
    drops its first request only, ``/unavailable`` answers 503, anything else 200."""

    received: list[Received] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def paths(self) -> list[str]:
        return [request.target.split("?", 1)[0] for request in self.received]

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await read_request(reader)
            self.received.append(request)
            answer = await self.answer(request)
            if answer is not None:
                writer.write(answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the client went away first (the timeout test)
        finally:
            writer.close()

    async def answer(self, request: Received) -> bytes | None:
        path = request.target.split("?", 1)[0]
        if path == "/hang":
            await self.release.wait()
        if path == "/drop" or (path == "/flaky" and self.paths().count("/flaky") == 1):
            return None
        if path == "/unavailable":
            return response(503, b'{"code":"down"}')
        return response(200, OK_BODY, b"X-Upstream: yes\r\n")


async def read_request(reader: asyncio.StreamReader) -> Received:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    request_line, *lines = head.split("\r\n")
    method, target, _ = request_line.split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return Received(method, target, headers, body)


def response(status: int, body: bytes, extra: bytes = b"") -> bytes:
    return (
        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n".encode()
        + extra
        + b"Connection: close\r\n\r\n"
        + body
    )


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    state = Server()
    listener = await asyncio.start_server(state.serve, "127.0.0.1", 0)
    state.port = listener.sockets[0].getsockname()[1]
    yield state
    state.release.set()
    listener.close()
    await listener.wait_closed()


@pytest.fixture
async def client() -> AsyncIterator[InternalClient]:
    internal = InternalClient(
        connect_timeout=0.5,
        read_timeout=READ_TIMEOUT,
        retries=1,
        failure_threshold=THRESHOLD,
        reset_seconds=RESET_SECONDS,
    )
    yield internal
    await internal.close()


def dead_url() -> str:
    """A loopback URL where nothing listens: the port was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


async def test_a_200_answer_passes_through_with_its_status_headers_and_body(
    server: Server, client: InternalClient
) -> None:
    response = await client.send("gigs", "GET", f"{server.url}/ok", headers={"X-Request-ID": "abc"})
    try:
        body = await response.read()
    finally:
        response.release()

    assert response.status == 200
    assert body == OK_BODY
    assert response.headers["X-Upstream"] == "yes"
    assert client.breaker("gigs").state == CLOSED


async def test_the_request_reaches_the_server_exactly_as_sent(server: Server, client: InternalClient) -> None:
    response = await client.send(
        "gigs",
        "POST",
        f"{server.url}/sellers/b%C3%B6b?q=a%20b",
        headers={"Content-Type": "application/json", "X-Request-ID": "abc"},
        body=b'{"title":"Logo"}',
    )
    response.release()

    [received] = server.received
    assert (received.method, received.target, received.body) == (
        "POST",
        "/sellers/b%C3%B6b?q=a%20b",
        b'{"title":"Logo"}',
    )
    assert received.headers["content-type"] == "application/json"
    assert received.headers["x-request-id"] == "abc"
    # No headers of aiohttp's own choosing: the caller forwards exactly what it means to.
    assert "user-agent" not in received.headers
    assert "accept-encoding" not in received.headers


async def test_a_refused_connection_is_service_down(client: InternalClient) -> None:
    with pytest.raises(ServiceDown) as failure:
        await client.send("gigs", "GET", f"{dead_url()}/ok", headers={})

    assert (failure.value.status, failure.value.code, failure.value.service) == (502, "service_unavailable", "gigs")
    assert client.breaker("gigs").failures == 1


async def test_a_hanging_server_is_a_timeout_after_the_read_timeout_without_a_retry(
    server: Server, client: InternalClient
) -> None:
    started = time.monotonic()
    with pytest.raises(ServiceTimeout) as failure:
        await client.send("gigs", "GET", f"{server.url}/hang", headers={})
    elapsed = time.monotonic() - started

    assert (failure.value.status, failure.value.code) == (504, "gateway_timeout")
    assert READ_TIMEOUT <= elapsed < READ_TIMEOUT + 0.5
    assert server.paths() == ["/hang"]
    assert client.breaker("gigs").failures == 1


async def test_repeated_failures_open_the_circuit_and_then_no_call_reaches_the_server(
    server: Server, client: InternalClient
) -> None:
    statuses: list[int] = []
    for _ in range(THRESHOLD):
        response = await client.send("gigs", "GET", f"{server.url}/unavailable", headers={})
        statuses.append(response.status)
        response.release()

    with pytest.raises(CircuitOpen) as failure:
        await client.send("gigs", "GET", f"{server.url}/ok", headers={})

    assert statuses == [503] * THRESHOLD
    assert (failure.value.status, failure.value.code, failure.value.retry_after) == (
        503,
        "service_unavailable",
        int(RESET_SECONDS),
    )
    assert server.paths() == ["/unavailable"] * THRESHOLD
    assert client.breaker("gigs").state == OPEN


async def test_an_open_circuit_concerns_only_its_own_service(server: Server, client: InternalClient) -> None:
    for _ in range(THRESHOLD):
        (await client.send("gigs", "GET", f"{server.url}/unavailable", headers={})).release()

    response = await client.send("orders", "GET", f"{server.url}/ok", headers={})
    response.release()

    assert response.status == 200
    assert client.breaker("orders").state == CLOSED


async def test_after_the_reset_time_one_trial_reaches_the_server_and_its_success_closes_the_circuit(
    server: Server, client: InternalClient
) -> None:
    now = [100.0]
    client.breakers["gigs"] = CircuitBreaker(THRESHOLD, RESET_SECONDS, clock=lambda: now[0])
    for _ in range(THRESHOLD):
        (await client.send("gigs", "GET", f"{server.url}/unavailable", headers={})).release()

    now[0] += RESET_SECONDS
    trial = await client.send("gigs", "GET", f"{server.url}/ok", headers={})
    trial.release()

    assert trial.status == 200
    assert server.paths() == ["/unavailable"] * THRESHOLD + ["/ok"]
    assert client.breaker("gigs").state == CLOSED


async def test_a_get_is_retried_once_on_a_connection_error(server: Server, client: InternalClient) -> None:
    response = await client.send("gigs", "GET", f"{server.url}/flaky", headers={})
    response.release()

    assert response.status == 200
    assert server.paths() == ["/flaky", "/flaky"]
    assert client.breaker("gigs").failures == 0


async def test_a_get_that_fails_twice_is_service_down_after_exactly_two_attempts(
    server: Server, client: InternalClient
) -> None:
    with pytest.raises(ServiceDown):
        await client.send("gigs", "GET", f"{server.url}/drop", headers={})

    assert server.paths() == ["/drop", "/drop"]
    assert client.breaker("gigs").failures == 1


async def test_a_post_is_never_retried_because_the_service_may_have_acted_on_it(
    server: Server, client: InternalClient
) -> None:
    with pytest.raises(ServiceDown):
        await client.send("gigs", "POST", f"{server.url}/flaky", headers={}, body=b"{}")

    assert server.paths() == ["/flaky"]
    assert client.breaker("gigs").failures == 1
