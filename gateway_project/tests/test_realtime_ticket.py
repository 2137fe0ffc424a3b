"""``POST /api/v1/realtime/ticket``: the gateway answers it itself, for signed-in users only."""

import json

import pytest

from common.redis import get_redis

pytestmark = [pytest.mark.anyio]


def stored_tickets(prefix: str) -> list[bytes]:
    return list(get_redis().scan_iter(f"{prefix}:ticket:*"))


async def test_a_signed_in_user_gets_a_ticket_bound_to_them_for_30_seconds(gateway, upstream, token_for, realtime):
    response = await gateway.post("/api/v1/realtime/ticket", headers={"Authorization": f"Bearer {token_for('alice')}"})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"ticket", "expires_in"} and body["expires_in"] == 30
    assert response.headers["cache-control"] == "no-store"
    stored = get_redis().get(f"{realtime}:ticket:{body['ticket']}")
    assert json.loads(stored)["username"] == "alice"
    assert 25_000 < get_redis().pttl(f"{realtime}:ticket:{body['ticket']}") <= 30_000
    assert upstream.requests == []


async def test_the_cookie_gets_a_ticket_from_the_front_end(gateway, token_for, realtime, frontend_origin):
    gateway.cookies.set("bazaar_access", token_for("alice"))

    response = await gateway.post("/api/v1/realtime/ticket", headers={"Origin": frontend_origin})

    assert response.status_code == 200


async def test_an_anonymous_client_gets_no_ticket(gateway, realtime):
    response = await gateway.post("/api/v1/realtime/ticket")

    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")
    assert stored_tickets(realtime) == []


async def test_a_foreign_site_cannot_get_a_ticket_with_the_cookie(gateway, token_for, realtime):
    gateway.cookies.set("bazaar_access", token_for("alice"))

    response = await gateway.post("/api/v1/realtime/ticket", headers={"Origin": "https://evil.example"})

    assert (response.status_code, response.json()["code"]) == (403, "csrf_failed")
    assert stored_tickets(realtime) == []


async def test_a_revoked_token_gets_no_ticket(gateway, token_for, revoke, realtime):
    token = token_for("alice")
    revoke(token)

    response = await gateway.post("/api/v1/realtime/ticket", headers={"Authorization": f"Bearer {token}"})

    assert (response.status_code, response.json()["code"]) == (401, "token_revoked")
    assert stored_tickets(realtime) == []


async def test_only_post_issues_a_ticket(gateway, token_for, realtime):
    response = await gateway.get("/api/v1/realtime/ticket", headers={"Authorization": f"Bearer {token_for('alice')}"})

    assert (response.status_code, response.json()["code"]) == (405, "method_not_allowed")
    assert stored_tickets(realtime) == []
