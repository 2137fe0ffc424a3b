"""Several gateway processes at once: a push reaches a user whichever gateway holds the socket.

A second gateway process runs beside the fleet's, on its own port, with the same
configuration. Tickets live in Redis and pushes go through the Redis channel layer, so
neither cares which process issued the ticket, received the request or runs the worker.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import PORT_OFFSET, Fleet, another_gateway
from tests.e2e.marketplace import introduce, send_message
from tests.e2e.realtime_clients import WebSocketFrames, ticket_for

pytestmark = pytest.mark.e2e

SECOND_GATEWAY_PORT = 8000 + PORT_OFFSET + 100


@pytest.fixture(scope="module")
def second_gateway(fleet: Fleet) -> Iterator[str]:
    """The URL of another gateway process of the same fleet."""
    with another_gateway(fleet, SECOND_GATEWAY_PORT) as url:
        yield url


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
