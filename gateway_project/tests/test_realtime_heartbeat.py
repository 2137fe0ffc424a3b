"""The heartbeat: one loop per process keeps every live connection online, and forgets closed ones."""

import asyncio

import pytest

from gateway_project.proxy.runtime import get_runtime
from gateway_project.realtime import presence
from gateway_project.realtime.heartbeat import HEARTBEAT
from gateway_project.tests.realtime import connected, settle

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("realtime")]


async def test_one_heartbeat_keeps_every_connection_online_past_the_expiry(token_for, settings):
    settings.REALTIME_PRESENCE_SECONDS = 0.6
    clients = [await connected(token=token_for(name)) for name in ("alice", "bob", "charlie")]

    await asyncio.sleep(1.0)

    assert len(HEARTBEAT) == 3
    assert await presence.online(get_runtime().redis, [1001, 1002, 1003]) == [1001, 1002, 1003]
    for client in clients:
        await client.disconnect()


async def test_a_closed_connection_is_no_longer_refreshed(token_for):
    alice = await connected(token=token_for("alice"))
    assert len(HEARTBEAT) == 1

    await alice.disconnect()
    await settle()

    assert len(HEARTBEAT) == 0


async def test_refresh_many_pushes_every_expiry_ahead_at_once(settings):
    settings.REALTIME_PRESENCE_SECONDS = 0.4
    redis = get_runtime().redis
    await presence.arrive(redis, 1001, "first")
    await presence.arrive(redis, 1002, "second")

    await asyncio.sleep(0.25)
    await presence.refresh_many(redis, [(1001, "first"), (1002, "second")])
    await asyncio.sleep(0.25)

    assert await presence.online(redis, [1001, 1002]) == [1001, 1002]
