"""The rate limits' pipelined Redis connection, against the real Redis (and a server that never answers)."""

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator

import pytest
from django.conf import settings

from gateway_project.proxy.redispipe import ScriptPipe, pack, parse

pytestmark = pytest.mark.anyio


@pytest.fixture
async def pipe() -> AsyncIterator[ScriptPipe]:
    pipe = ScriptPipe(settings.REDIS_URL)
    yield pipe
    await pipe.close()


async def test_a_script_redis_does_not_know_yet_is_sent_whole(pipe):
    script = f"return {{KEYS[1], ARGV[1], '{uuid.uuid4().hex}'}}"

    first = await pipe.evalsha("0" * 40, script, ["k"], ["a"])
    again = await pipe.evalsha(hashlib.sha1(script.encode()).hexdigest(), script, ["k"], ["a"])

    assert first == again
    assert first[:2] == [b"k", b"a"]


async def test_replies_come_back_to_their_callers_in_order(pipe):
    script = "return tonumber(ARGV[1]) * 2"

    replies = await asyncio.gather(*(pipe.evalsha("0" * 40, script, [], [str(n)]) for n in range(50)))

    assert replies == [n * 2 for n in range(50)]


async def test_the_database_of_the_url_is_selected():
    key = f"test-pipe:{uuid.uuid4().hex}"
    base = settings.REDIS_URL.rsplit("/", 1)[0]
    pipe = ScriptPipe(f"{base}/3")
    try:
        await pipe.evalsha("0" * 40, "return redis.call('SET', KEYS[1], 'here')", [key], [])
    finally:
        await pipe.close()
    from redis import Redis

    other = Redis.from_url(f"{base}/3")
    try:
        assert other.get(key) == b"here"
    finally:
        other.delete(key)
        other.close()


async def test_a_redis_that_never_answers_times_out():
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # reads and never answers, until the client goes

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    pipe = ScriptPipe(f"redis://127.0.0.1:{port}/0", timeout=0.2)
    try:
        with pytest.raises(TimeoutError):
            await pipe.evalsha("0" * 40, "return 1", [], [])
    finally:
        await pipe.close()
        server.close()


async def test_a_lost_connection_fails_the_calls_in_flight_and_the_next_call_reconnects(pipe):
    await pipe.call(pack("PING"))
    stuck = asyncio.ensure_future(pipe.call(pack("BLPOP", f"test-pipe:{uuid.uuid4().hex}", 5)))
    await asyncio.sleep(0.05)
    await pipe.close()

    with pytest.raises(ConnectionError):
        await stuck
    assert await pipe.call(pack("PING")) == "PONG"


def test_a_reply_split_across_reads_waits_for_the_rest():
    whole = b"*3\r\n:1\r\n$5\r\nhello\r\n$-1\r\n"

    # Nothing is consumed (the position stays at 0) until the whole reply is there.
    assert {parse(bytearray(whole[:n]), 0)[1] for n in range(len(whole))} == {0}
    assert parse(bytearray(whole), 0) == ([1, b"hello", None], len(whole))
