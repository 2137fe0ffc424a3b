"""Who may open ``/ws/``: the token cookie (from our own origin) or a fresh single-use ticket; nobody else."""

import asyncio

import pytest

from gateway_project.realtime.auth import UNAUTHENTICATED
from gateway_project.tests.realtime import communicator, connected, next_frame, push_to, refusal

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("realtime")]

REFUSED = (False, UNAUTHENTICATED)


async def ticket_for(gateway, token: str) -> str:
    response = await gateway.post("/api/v1/realtime/ticket", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    return response.json()["ticket"]


async def test_the_token_cookie_opens_the_websocket_and_its_user_receives_their_pushes(token_for, frontend_origin):
    client = await connected(token=token_for("alice"), origin=frontend_origin)

    pushed = await push_to("alice")

    assert await next_frame(client) == pushed
    await client.disconnect()


async def test_a_client_without_an_origin_header_is_not_a_browser_and_may_use_the_cookie(token_for):
    client = await connected(token=token_for("alice"))

    await client.disconnect()


async def test_a_ticket_opens_the_websocket_for_the_user_it_was_issued_to(gateway, token_for):
    ticket = await ticket_for(gateway, token_for("bob"))

    client = await connected(query=f"ticket={ticket}")
    pushed = await push_to("bob")

    assert await next_frame(client) == pushed
    await client.disconnect()


async def test_a_ticket_is_single_use(gateway, token_for):
    ticket = await ticket_for(gateway, token_for("bob"))
    first = await connected(query=f"ticket={ticket}")

    assert await refusal(query=f"ticket={ticket}") == REFUSED
    await first.disconnect()


async def test_a_ticket_expires(gateway, token_for, settings):
    settings.REALTIME_TICKET_SECONDS = 0.2
    ticket = await ticket_for(gateway, token_for("bob"))

    await asyncio.sleep(0.3)

    assert await refusal(query=f"ticket={ticket}") == REFUSED


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"query": "ticket=made-up"},
        {"query": "ticket="},
    ],
    ids=["nothing", "unknown-ticket", "empty-ticket"],
)
async def test_a_handshake_without_credentials_is_refused(kwargs):
    assert await refusal(**kwargs) == REFUSED


@pytest.mark.parametrize(
    "make",
    [
        lambda token_for: "not-a-jwt",
        lambda token_for: token_for("alice", lifetime=-60),
        lambda token_for: token_for("alice", token_type="refresh"),
        lambda token_for: token_for("alice")[:-4] + "AAAA",
    ],
    ids=["garbage", "expired", "refresh-as-access", "tampered"],
)
async def test_a_bad_token_cookie_is_refused(token_for, make):
    assert await refusal(token=make(token_for)) == REFUSED


async def test_a_revoked_token_is_refused(token_for, revoke):
    token = token_for("alice")
    revoke(token)

    assert await refusal(token=token) == REFUSED


async def test_a_long_lived_token_in_the_url_is_never_accepted(token_for):
    token = token_for("alice")

    assert await refusal(query=f"token={token}") == REFUSED
    assert await refusal(query=f"ticket={token}") == REFUSED


async def test_a_cookie_handshake_from_a_foreign_origin_is_refused(token_for):
    assert await refusal(token=token_for("alice"), origin="https://evil.example") == REFUSED


async def test_other_websocket_paths_are_closed(token_for):
    client = communicator(token=token_for("alice"), path="/api/v1/orders")

    accepted, _ = await client.connect()

    assert accepted is False


async def test_the_server_closes_the_connection_when_the_token_expires(token_for):
    client = await connected(token=token_for("alice", lifetime=1))

    expired = await next_frame(client, timeout=3)
    closed = await client.receive_output(timeout=1)

    assert expired == {"type": "error", "data": {"code": "token_expired", "detail": "Token expired."}}
    assert closed == {"type": "websocket.close", "code": UNAUTHENTICATED}
