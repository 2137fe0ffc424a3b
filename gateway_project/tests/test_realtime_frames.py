"""Frames over ``/ws/``: pushes reach their user only; bad frames get an ``error`` and the connection stays; typing goes to contacts only, at a bounded rate."""

import json

import pytest

from gateway_project.proxy.runtime import get_runtime
from gateway_project.tests.realtime import connected, make_contacts, next_frame, nothing_arrives, push_to, send

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("realtime")]


def error(code: str) -> dict:
    return {"type": "error", "data": {"code": code}}


def without_detail(frame: dict) -> dict:
    return {"type": frame["type"], "data": {"code": frame["data"]["code"]}}


async def test_a_push_to_a_user_reaches_them_and_nobody_else(token_for):
    alice = await connected(token=token_for("alice"))
    mallory = await connected(token=token_for("mallory"))

    pushed = await push_to("alice", "chat.message", {"body": "hi"})

    assert await next_frame(alice) == pushed
    assert await nothing_arrives(mallory)
    await alice.disconnect()
    await mallory.disconnect()


async def test_every_connection_of_a_user_receives_the_push(token_for):
    phone = await connected(token=token_for("alice"))
    laptop = await connected(token=token_for("alice"))

    pushed = await push_to("alice")

    assert [await next_frame(phone), await next_frame(laptop)] == [pushed, pushed]
    await phone.disconnect()
    await laptop.disconnect()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("not json", "malformed"),
        ("[1, 2]", "malformed"),
        (json.dumps({"data": {}}), "malformed"),
        (json.dumps({"type": 7}), "malformed"),
        (json.dumps({"type": "chat.shout", "data": {}}), "unknown_type"),
        (json.dumps({"type": "chat.message", "data": {"body": "forged"}}), "unknown_type"),
        (json.dumps({"type": "chat.typing", "data": "bob"}), "invalid_data"),
        (json.dumps({"type": "chat.typing", "data": {}}), "invalid_data"),
        (json.dumps({"type": "chat.typing", "data": {"to": ""}}), "invalid_data"),
        (json.dumps({"type": "chat.typing", "data": {"to": True}}), "invalid_data"),
        (json.dumps({"type": "chat.typing", "data": {"to": ["bob"]}}), "invalid_data"),
        ("x" * 5000, "malformed"),
    ],
    ids=[
        "not-json",
        "not-an-object",
        "no-type",
        "type-not-a-string",
        "unknown-type",
        "server-only-type",
        "data-not-an-object",
        "typing-without-to",
        "typing-to-empty",
        "typing-to-a-boolean",
        "typing-to-a-list",
        "too-long",
    ],
)
async def test_a_bad_frame_gets_an_error_and_the_connection_stays_open(token_for, text, code):
    alice = await connected(token=token_for("alice"))

    await alice.send_to(text_data=text)
    answer = await next_frame(alice)
    pushed = await push_to("alice")

    assert without_detail(answer) == error(code)
    assert answer["data"]["detail"]
    assert await next_frame(alice) == pushed
    await alice.disconnect()


async def test_a_binary_frame_gets_an_error(token_for):
    alice = await connected(token=token_for("alice"))

    await alice.send_to(bytes_data=b"\x00\x01")

    assert without_detail(await next_frame(alice)) == error("malformed")
    await alice.disconnect()


@pytest.mark.parametrize("to", ["bob", 1002], ids=["by-username", "by-user-id"])
async def test_typing_reaches_a_contact_as_from_me(token_for, to):
    await make_contacts(get_runtime().redis, "alice", "bob")
    alice = await connected(token=token_for("alice"))
    bob = await connected(token=token_for("bob"))
    await next_frame(alice)  # bob came online

    await send(alice, "chat.typing", {"to": to})

    assert await next_frame(bob) == {"type": "chat.typing", "data": {"from": "alice"}}
    assert await nothing_arrives(alice)
    await alice.disconnect()
    await bob.disconnect()


async def test_typing_to_someone_who_is_not_a_contact_is_refused_and_reaches_nobody(token_for):
    await make_contacts(get_runtime().redis, "alice", "bob")
    alice = await connected(token=token_for("alice"))
    mallory = await connected(token=token_for("mallory"))

    await send(alice, "chat.typing", {"to": "mallory"})
    await send(alice, "chat.typing", {"to": 1004})

    assert without_detail(await next_frame(alice)) == error("not_a_contact")
    assert without_detail(await next_frame(alice)) == error("not_a_contact")
    assert await nothing_arrives(mallory)
    await alice.disconnect()
    await mallory.disconnect()


async def test_typing_beyond_five_a_second_is_rate_limited_without_disconnecting(token_for):
    await make_contacts(get_runtime().redis, "alice", "bob")
    alice = await connected(token=token_for("alice"))
    bob = await connected(token=token_for("bob"))
    await next_frame(alice)  # bob came online

    for _ in range(6):
        await send(alice, "chat.typing", {"to": "bob"})

    assert without_detail(await next_frame(alice)) == error("rate_limited")
    received = [await next_frame(bob) for _ in range(5)]
    assert received == [{"type": "chat.typing", "data": {"from": "alice"}}] * 5
    assert await nothing_arrives(bob)
    pushed = await push_to("alice")
    assert await next_frame(alice) == pushed
    await alice.disconnect()
    await bob.disconnect()


async def test_a_presence_ping_answers_nothing(token_for):
    alice = await connected(token=token_for("alice"))

    await send(alice, "presence.ping")

    assert await nothing_arrives(alice)
    await alice.disconnect()
