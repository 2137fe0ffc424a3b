"""Revoked tokens at the gateway: refused over HTTP and at the handshake, and live connections closed with 4401.

Auth writes the markers and broadcasts them (``common.auth.revocation``); here they are
written the same way, straight into the real Redis.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import pytest

from common.auth import revocation
from common.redis import get_redis
from common.testing.plugin import PERSONAS
from common.testing.tokens import mint_token
from gateway_project.realtime.auth import UNAUTHENTICATED
from gateway_project.tests.realtime import communicator, connected, next_frame, nothing_arrives, settle

pytestmark = [pytest.mark.anyio, pytest.mark.usefixtures("realtime")]

ALICE = PERSONAS["alice"]
REVOKED_FRAME = {"type": "error", "data": {"code": "token_revoked", "detail": "Token has been revoked."}}
CLOSED = {"type": "websocket.close", "code": UNAUTHENTICATED}


TEST_TAG = [""]  # sessions are named per test: a signed-out session's marker outlives the test


def sid(name: str) -> str:
    return f"{name}-{TEST_TAG[0]}"


def token(name: str, **claims: object) -> str:
    """Alice's access token of the sign-in session ``name``."""
    return mint_token({**ALICE.claims(), "sid": sid(name), **claims})


@pytest.fixture(autouse=True)
def _own_sessions_and_no_epoch_left() -> Iterator[None]:
    TEST_TAG[0] = uuid.uuid4().hex
    yield
    get_redis().delete(revocation.epoch_key(ALICE.user_id))


def sign_out(access: str) -> None:
    """What auth does when the session of ``access`` signs out."""
    import jwt

    claims = jwt.decode(access, options={"verify_signature": False})
    revocation.sign_out(get_redis(), user_id=ALICE.user_id, claims=claims, access_seconds=900)


def new_epoch(keep_sid: str = "") -> None:
    """What auth does on a password change (keeping ``keep_sid``), a reset or a deactivation."""
    revocation.new_epoch(get_redis(), user_id=ALICE.user_id, access_seconds=900, keep_sid=keep_sid)


async def me(gateway, access: str) -> tuple[int, str | None]:
    response = await gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})
    return response.status_code, response.json().get("code") if response.status_code != 200 else None


async def test_a_new_epoch_refuses_earlier_tokens_but_the_kept_sessions_and_later_ones(gateway):
    other, changer = token("other-session"), token("changer-session")

    new_epoch(keep_sid=sid("changer-session"))

    assert await me(gateway, other) == (401, "token_revoked")
    assert await me(gateway, changer) == (200, None)
    assert await me(gateway, token("other-session")) == (200, None)  # issued after the change


async def test_signing_out_refuses_every_access_token_of_that_session_only(gateway):
    before_refresh, current, other_device = token("s1"), token("s1"), token("s2")

    sign_out(current)

    assert await me(gateway, current) == (401, "token_revoked")
    assert await me(gateway, before_refresh) == (401, "token_revoked")
    assert await me(gateway, other_device) == (200, None)


async def test_a_token_issued_in_the_same_second_but_before_the_epoch_is_refused(gateway):
    # Tokens without iat_us (issued before it existed) count from the start of their second.
    old_style = mint_token({**ALICE.claims(), "iat_us": None})

    new_epoch()

    assert await me(gateway, old_style) == (401, "token_revoked")


async def test_a_websocket_of_the_signed_out_session_closes_with_4401_and_the_others_stay(gateway):
    mine, elsewhere = token("s1"), token("s2")
    client, other = await connected(token=mine), await connected(token=elsewhere)

    sign_out(mine)

    assert await next_frame(client) == REVOKED_FRAME
    assert await client.receive_output(timeout=2) == CLOSED
    assert await nothing_arrives(other)
    await other.disconnect()
    await settle()


async def test_a_new_epoch_closes_every_earlier_websocket_of_the_user_but_the_kept_sessions(gateway):
    changer, first, second = token("changer"), token("s1"), token("s2")
    kept, closed = await connected(token=changer), [await connected(token=first), await connected(token=second)]

    new_epoch(keep_sid=sid("changer"))

    for client in closed:
        assert await next_frame(client) == REVOKED_FRAME
        assert await client.receive_output(timeout=2) == CLOSED
    assert await nothing_arrives(kept)
    await kept.disconnect()
    await settle()


async def test_a_revoked_token_cannot_reconnect_nor_use_a_ticket_it_got_before(gateway):
    access = token("s1")
    response = await gateway.post("/api/v1/realtime/ticket", headers={"Authorization": f"Bearer {access}"})
    ticket = response.json()["ticket"]

    new_epoch()

    refused_ticket = communicator(query=f"ticket={ticket}")
    assert await refused_ticket.connect() == (False, UNAUTHENTICATED)
    refused_cookie = communicator(token=access)
    assert await refused_cookie.connect() == (False, UNAUTHENTICATED)
    ticket_answer = await gateway.post("/api/v1/realtime/ticket", headers={"Authorization": f"Bearer {access}"})
    assert ticket_answer.status_code == 401
    fresh = await connected(token=token("s1"))
    await fresh.disconnect()
    await settle()


async def test_a_revocation_published_before_the_connection_was_watched_still_closes_it(gateway, monkeypatch):
    # The handshake's check passed; the revocation lands before the session is watched.
    from gateway_project.realtime import revocations

    access = token("s1")
    watch = revocations.REVOCATIONS.watch

    async def revoke_first(session):  # type: ignore[no-untyped-def]
        new_epoch()
        await watch(session)

    monkeypatch.setattr(revocations.REVOCATIONS, "watch", revoke_first)
    client = communicator(token=access)
    assert (await client.connect())[0]

    assert (await next_frame(client))["type"] == "presence.online"
    assert await next_frame(client) == REVOKED_FRAME
    assert await client.receive_output(timeout=2) == CLOSED


async def test_a_listener_that_lost_redis_resubscribes_and_closes_what_was_revoked_meanwhile(gateway):
    from gateway_project.realtime.revocations import CLIENT_NAME

    client = await connected(token=token("s1"))
    redis = get_redis()
    db = redis.connection_pool.connection_kwargs.get("db", 0)
    listeners: list[dict] = []
    for _ in range(100):  # the session is watched just after its first frame
        listeners = [c for c in redis.client_list() if c.get("name") == CLIENT_NAME and int(c["db"]) == db]
        if listeners:
            break
        await asyncio.sleep(0.02)
    assert listeners, "no revocations listener is connected"

    for listener in listeners:
        redis.client_kill_filter(_id=listener["id"])
    # Written while nobody listens, and never published: only the re-check after resubscribing finds it.
    redis.set(revocation.epoch_key(ALICE.user_id), f"{revocation.now_us()}:", ex=60)

    assert await next_frame(client, timeout=5) == REVOKED_FRAME
    assert await client.receive_output(timeout=2) == CLOSED
