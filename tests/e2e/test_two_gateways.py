"""Several gateway processes at once: a push reaches a user whichever gateway holds the socket.

A second gateway process runs beside the fleet's, on its own port, with the same
configuration. Tickets live in Redis and pushes go through the Redis channel layer, so
neither cares which process issued the ticket, received the request or runs the worker.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest

from common.fleet.commands import web_command
from common.fleet.services import get, parse_only, select
from tests.e2e.conftest import E2E_FLEET, PORT_OFFSET, ROOT, Fleet
from tests.e2e.marketplace import introduce, send_message
from tests.e2e.realtime_clients import WebSocketFrames, ticket_for

pytestmark = pytest.mark.e2e

SECOND_GATEWAY_PORT = 8000 + PORT_OFFSET + 100


@pytest.fixture(scope="module")
def second_gateway(fleet: Fleet) -> Iterator[str]:
    """The URL of another gateway process of the same fleet."""
    urls = {
        process.url_variable: f"http://127.0.0.1:{process.port + PORT_OFFSET}"
        for process in select(parse_only(E2E_FLEET))
    }
    env = {**fleet.env, **urls, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        web_command(get("gateway"), SECOND_GATEWAY_PORT),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{SECOND_GATEWAY_PORT}"
    try:
        wait_until_healthy(url)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def wait_until_healthy(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the second gateway at {url} did not start")


def test_a_message_posted_through_one_gateway_reaches_a_socket_on_another(fleet, second_gateway, members):
    ana, ben = members("ana"), members("ben")
    # The ticket comes from the first gateway; the socket opens on the second.
    with WebSocketFrames.open(second_gateway, ticket_for(ben.browser)) as bens_socket:
        bens_socket.receive("presence.online")

        sent = send_message(ana, ben.username, body="Across gateways")

        assert sent.status_code == 201, sent.text
        assert bens_socket.receive("chat.message", message_id=sent.json()["id"])["body"] == "Across gateways"


def test_typing_crosses_gateways_between_contacts(fleet, second_gateway, members):
    ana, ben = members("ana"), members("ben")
    with (
        WebSocketFrames.open(fleet.gateway_url, ticket_for(ana.browser)) as anas_socket,
        WebSocketFrames.open(second_gateway, ticket_for(ben.browser)) as bens_socket,
    ):
        anas_socket.receive("presence.online")
        bens_socket.receive("presence.online")
        introduce(ana, ben)
        bens_socket.receive("chat.message")  # the worker made them contacts before pushing it

        bens_socket.send("chat.typing", {"to": ana.username})

        assert anas_socket.receive("chat.typing") == {"from": ben.username}
