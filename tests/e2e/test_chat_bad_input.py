"""Bad input to chat and to the real-time connections, through the gateway: named, nothing written, still serving."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.e2e.marketplace import MESSAGES, introduce, send_message

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256)) * 4
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the fleet's default (MAX_UPLOAD_BYTES)
TYPING_PER_SECOND = 5  # the gateway's REALTIME_TYPING_PER_SECOND


def conversations_of(member) -> int:
    response = member.browser.get("/api/v1/conversations")
    assert response.status_code == 200, response.text
    return int(response.json()["count"])


def test_an_attachment_that_is_a_program_named_like_a_pdf_is_a_415_and_nothing_is_sent(seller, buyer):
    refused = send_message(
        seller.member, buyer.username, body="The brief", attachment=("brief.pdf", WINDOWS_PROGRAM, "application/pdf")
    )

    assert refused.status_code == 415, refused.text
    assert refused.json()["code"] == "unsupported_attachment_type"
    assert set(refused.json()["fields"]) == {"attachment"}
    assert conversations_of(buyer) == 0


def test_an_attachment_over_the_upload_limit_is_a_413_and_nothing_is_sent(seller, buyer):
    too_large = b"a" * (MAX_UPLOAD_BYTES + 1)

    refused = send_message(seller.member, buyer.username, attachment=("notes.txt", too_large, "text/plain"))

    assert refused.status_code == 413, refused.text
    assert refused.json()["code"] == "file_too_large"
    assert conversations_of(buyer) == 0


def test_an_attachment_is_downloaded_by_both_parties_and_by_nobody_else(fleet, seller, buyer, stranger):
    sent = send_message(seller.member, buyer.username, body="The brief", attachment=("brief.pdf", PDF, "text/plain"))
    assert sent.status_code == 201, sent.text
    attachment = sent.json()["attachment"]
    assert {key: attachment[key] for key in ("name", "size", "content_type")} == {
        "name": "brief.pdf",
        "size": len(PDF),
        "content_type": "application/pdf",  # what the file is, not what the client said
    }
    url = attachment["url"]
    assert url == f"{fleet.gateway_url}/api/v1/messages/{sent.json()['id']}/attachment"

    for party in (seller.member, buyer):
        download = party.browser.get(url)
        assert download.status_code == 200, download.text
        assert download.content == PDF
        assert download.headers["Content-Type"] == "application/pdf"
        assert download.headers["Content-Disposition"].startswith("attachment")
        assert "brief.pdf" in download.headers["Content-Disposition"]
    refused = stranger.browser.get(url)
    assert (refused.status_code, refused.json()["code"]) == (404, "not_found")


def test_a_message_to_oneself_is_a_400_naming_the_recipient(seller):
    before = conversations_of(seller.member)

    for to in (seller.username, seller.username.upper()):
        refused = seller.browser.post(MESSAGES, json={"to": to, "body": "Note to self"})

        assert refused.status_code == 400, refused.text
        assert refused.json()["code"] == "cannot_message_yourself"
        assert set(refused.json()["fields"]) == {"to"}
    assert conversations_of(seller.member) == before


def test_a_message_to_nobody_is_a_400_naming_the_recipient(seller):
    before = conversations_of(seller.member)

    refused = seller.browser.post(MESSAGES, json={"to": "nobody" + uuid.uuid4().hex[:8], "body": "Hello?"})

    assert refused.status_code == 400, refused.text
    assert refused.json()["code"] == "unknown_user"
    assert set(refused.json()["fields"]) == {"to"}
    assert conversations_of(seller.member) == before


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("this is not json", "malformed"),
        ('["chat.typing", {"to": "x"}]', "malformed"),
        ('{"data": {}}', "malformed"),
        ('{"type": "chat.dance", "data": {}}', "unknown_type"),
        ('{"type": "chat.typing", "data": [1, 2]}', "invalid_data"),
        ('{"type": "chat.typing", "data": {}}', "invalid_data"),
        (json.dumps({"type": "presence.ping", "data": {"pad": "x" * 5000}}), "malformed"),
    ],
    ids=["not-json", "array", "no-type", "unknown-type", "data-not-object", "no-recipient", "over-4096-chars"],
)
def test_a_bad_frame_gets_an_error_frame_and_the_connection_keeps_serving(seller, buyer, realtime, text, code):
    socket = realtime(buyer)

    socket.send_text(text)

    assert socket.receive("error")["code"] == code
    socket.send("presence.ping")
    socket.receive_nothing("error", within=0.3)
    introduce(seller.member, buyer, "Still there?")
    assert socket.receive("chat.message")["body"] == "Still there?"


def test_a_flood_of_typing_frames_is_rate_limited_and_the_connection_and_gateway_survive(fleet, members, realtime):
    ana, ben = members("ana"), members("ben")
    bens_socket = realtime(ben)
    introduce(ana, ben)
    bens_socket.receive("chat.message")
    anas_socket = realtime(ana)

    for _ in range(50):
        bens_socket.send("chat.typing", {"to": ana.username})

    limited = [bens_socket.receive("error", code="rate_limited") for _ in range(50 - TYPING_PER_SECOND)]
    assert len(limited) == 50 - TYPING_PER_SECOND
    bens_socket.receive_nothing("error", within=0.3)
    typed = [anas_socket.receive("chat.typing") for _ in range(TYPING_PER_SECOND)]
    assert typed == [{"from": ben.username}] * TYPING_PER_SECOND
    anas_socket.receive_nothing("chat.typing", within=0.3)
    bens_socket.send("presence.ping")
    introduce(ana, ben, "after the flood")
    assert bens_socket.receive("chat.message")["body"] == "after the flood"
    with fleet.client() as client:
        assert client.get("/health").status_code == 200
