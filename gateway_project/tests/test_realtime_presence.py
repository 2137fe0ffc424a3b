"""Presence: my online contacts on connect; contacts told when I come and go (my last connection); no ghosts."""

import asyncio

import pytest

from gateway_project.proxy.runtime import get_runtime
from gateway_project.realtime import presence
from gateway_project.tests.realtime import connected, make_contacts, next_frame, nothing_arrives, settle

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("realtime")]


def online(*names: str) -> dict:
    return {"type": "presence.online", "data": {"usernames": list(names)}}


def offline(*names: str) -> dict:
    return {"type": "presence.offline", "data": {"usernames": list(names)}}


async def first_frame(token: str) -> tuple[object, dict]:
    from gateway_project.tests.realtime import communicator

    client = communicator(token=token)
    accepted, _ = await client.connect()
    assert accepted
    return client, await next_frame(client)


async def test_on_connect_i_learn_which_of_my_contacts_are_online(token_for):
    redis = get_runtime().redis
    await make_contacts(redis, "alice", "bob")
    await make_contacts(redis, "alice", "charlie")
    bob = await connected(token=token_for("bob"))
    mallory = await connected(token=token_for("mallory"))  # online, but not alice's contact

    alice, snapshot = await first_frame(token_for("alice"))

    assert snapshot == online("bob")
    await alice.disconnect()
    await bob.disconnect()
    await mallory.disconnect()


async def test_my_online_contacts_are_told_when_i_come_online_and_when_my_last_connection_closes(token_for):
    await make_contacts(get_runtime().redis, "alice", "bob")
    bob = await connected(token=token_for("bob"))

    phone = await connected(token=token_for("alice"))
    assert await next_frame(bob) == online("alice")
    laptop = await connected(token=token_for("alice"))
    assert await nothing_arrives(bob)  # already online

    await phone.disconnect()
    await settle()
    assert await nothing_arrives(bob)  # still online on the laptop
    await laptop.disconnect()
    assert await next_frame(bob) == offline("alice")
    await bob.disconnect()


async def test_strangers_are_never_told_about_my_presence(token_for):
    mallory = await connected(token=token_for("mallory"))

    alice = await connected(token=token_for("alice"))
    await alice.disconnect()

    assert await nothing_arrives(mallory)
    await mallory.disconnect()


async def test_a_live_connection_stays_online_past_the_expiry_thanks_to_the_heartbeat(token_for, settings):
    settings.REALTIME_PRESENCE_SECONDS = 0.6
    alice = await connected(token=token_for("alice"))

    await asyncio.sleep(1.0)

    assert await presence.online(get_runtime().redis, [1001]) == [1001]
    await alice.disconnect()
    await settle()
    assert await presence.online(get_runtime().redis, [1001]) == []


async def test_a_connection_nobody_refreshes_leaves_no_ghost_after_the_expiry(settings, realtime):
    settings.REALTIME_PRESENCE_SECONDS = 0.3
    redis = get_runtime().redis
    # What a crashed gateway leaves behind: a connection marked live, never refreshed or removed.
    await presence.arrive(redis, 1002, "crashed-gateway-connection")
    assert await presence.online(redis, [1002]) == [1002]

    await asyncio.sleep(0.4)

    assert await presence.online(redis, [1002]) == []
    assert await redis.exists(f"{realtime}:presence:1002") == 0


async def test_a_ping_pushes_my_expiry_ahead(settings):
    settings.REALTIME_PRESENCE_SECONDS = 0.4
    redis = get_runtime().redis
    await presence.arrive(redis, 1002, "conn")

    await asyncio.sleep(0.25)
    await presence.refresh(redis, 1002, "conn")
    await asyncio.sleep(0.25)

    assert await presence.online(redis, [1002]) == [1002]
