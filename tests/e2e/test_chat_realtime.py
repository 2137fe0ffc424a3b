"""Chat in real time, through the gateway: chat's outbox → RabbitMQ → the gateway's worker → the parties' sockets.

Each client connects with a single-use ticket (``POST /api/v1/realtime/ticket``), on the
plain websocket ``/ws/`` or on Socket.IO ``/socket.io/``; both carry the same frames.
"""

from __future__ import annotations

from typing import Any

import pytest
import websockets

from tests.e2e.marketplace import introduce, send_message
from tests.e2e.realtime_clients import WebSocketFrames, ticket_for

pytestmark = pytest.mark.e2e

SILENCE = 0.5  # how long a stranger is watched: the parties got the same push already


def test_a_message_reaches_every_connection_of_the_recipient_and_no_stranger(seller, buyer, stranger, realtime):
    on_websocket = realtime(buyer)
    on_socketio = realtime(buyer, via="socketio", bearer=True)
    strangers_socket = realtime(stranger)
    for frames in (on_websocket, on_socketio, strangers_socket):
        assert frames.receive("presence.online") == {"usernames": []}

    sent = send_message(seller.member, buyer.username, body="Hi! Which framework do you use?")
    assert sent.status_code == 201, sent.text

    expected = {
        "message_id": sent.json()["id"],
        "conversation_id": sent.json()["conversation_id"],
        "sender_id": seller.member.user_id,
        "sender_username": seller.username,
        "recipient_id": buyer.user_id,
        "recipient_username": buyer.username,
        "body": "Hi! Which framework do you use?",
        "gig_id": None,
        "attachment_name": None,
        "offer": None,
        "sent_at": sent.json()["sent_at"].replace("Z", "+00:00"),
    }
    assert normalised(on_websocket.receive("chat.message")) == expected
    assert normalised(on_socketio.receive("chat.message")) == expected
    strangers_socket.receive_nothing("chat.message", within=SILENCE)


def normalised(message: dict[str, Any]) -> dict[str, Any]:
    """The frame's data, with its timestamp in one spelling (``+00:00``) for comparison."""
    return {**message, "sent_at": message["sent_at"].replace("Z", "+00:00")}


def test_a_contact_coming_online_is_announced_and_finds_the_other_listed(members, realtime):
    ana, ben = members("ana"), members("ben")
    bens_socket = realtime(ben)
    bens_socket.receive("presence.online")
    introduce(ana, ben)
    bens_socket.receive("chat.message")  # the worker made them contacts before pushing it

    anas_socket = realtime(ana, via="socketio")

    assert anas_socket.receive("presence.online") == {"usernames": [ben.username]}
    assert bens_socket.receive("presence.online") == {"usernames": [ana.username]}


def test_typing_reaches_a_contact_and_a_stranger_is_told_it_is_not_one(members, stranger, realtime):
    ana, ben = members("ana"), members("ben")
    bens_socket = realtime(ben)
    introduce(ana, ben)
    bens_socket.receive("chat.message")
    anas_socket = realtime(ana, via="socketio")
    strangers_socket = realtime(stranger)

    bens_socket.send("chat.typing", {"to": ana.username})
    strangers_socket.send("chat.typing", {"to": ana.username})

    assert anas_socket.receive("chat.typing") == {"from": ben.username}
    assert strangers_socket.receive("error")["code"] == "not_a_contact"
    anas_socket.receive_nothing("chat.typing", within=SILENCE)


def test_reading_a_conversation_tells_the_sender(members, realtime):
    ana, ben = members("ana"), members("ben")
    anas_socket = realtime(ana)
    first = introduce(ana, ben, "Are you there?")
    anas_socket.receive("chat.message")

    read = ben.browser.post(f"/api/v1/conversations/{first['conversation_id']}/read")

    assert read.status_code == 200, read.text
    assert read.json()["marked"] == 1
    receipt = anas_socket.receive("chat.read")
    assert {key: receipt[key] for key in ("conversation_id", "reader_id", "reader_username")} == {
        "conversation_id": first["conversation_id"],
        "reader_id": ben.user_id,
        "reader_username": ben.username,
    }
    assert receipt["last_read_message_id"] == first["id"]


def test_a_client_that_reconnects_catches_up_with_exactly_what_it_missed(members, realtime):
    ana, ben = members("ana"), members("ben")
    bens_socket = realtime(ben)
    first = introduce(ana, ben, "one")
    last_seen = bens_socket.receive("chat.message")["message_id"]
    bens_socket.close()

    missed = [introduce(ana, ben, body) for body in ("two", "three")]
    caught_up = ben.browser.get(
        f"/api/v1/conversations/{first['conversation_id']}/messages", params={"after": last_seen}
    )

    assert caught_up.status_code == 200, caught_up.text
    assert [(m["id"], m["body"]) for m in caught_up.json()["results"]] == [(m["id"], m["body"]) for m in missed]


def test_a_ticket_opens_one_connection_and_a_made_up_one_none(fleet, buyer):
    ticket = ticket_for(buyer.browser)
    with WebSocketFrames.open(fleet.gateway_url, ticket) as first:
        first.receive("presence.online")

    for used_or_made_up in (ticket, "made-up-ticket"):
        with pytest.raises(websockets.exceptions.InvalidStatus) as refused:
            WebSocketFrames.open(fleet.gateway_url, used_or_made_up)
        assert refused.value.response.status_code == 403
