import pytest

pytestmark = pytest.mark.anyio


async def test_a_protected_route_without_a_token_is_401_before_forwarding(gateway, upstream):
    response = await gateway.get("/api/v1/auth/me")

    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "detail": "Authentication credentials were not provided."}
    assert response.headers["www-authenticate"] == 'Bearer realm="bazaar"'
    assert upstream.requests == []


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda token_for: "not-a-jwt", "token_invalid"),
        (lambda token_for: token_for("alice", lifetime=-60), "token_expired"),
        (lambda token_for: token_for("alice", token_type="refresh"), "token_invalid"),
        (lambda token_for: token_for("alice")[:-4] + "AAAA", "token_invalid"),
    ],
    ids=["garbage", "expired", "refresh-as-access", "tampered"],
)
async def test_bad_tokens_are_401_before_forwarding(gateway, upstream, token_for, make, code):
    token = make(token_for)

    by_header = await gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    gateway.cookies.set("bazaar_access", token)
    by_cookie = await gateway.get("/api/v1/orders")

    assert (by_header.status_code, by_header.json()["code"]) == (401, code)
    assert (by_cookie.status_code, by_cookie.json()["code"]) == (401, code)
    assert upstream.requests == []


async def test_a_revoked_token_is_401_before_forwarding(gateway, upstream, token_for, revoke):
    token = token_for("alice")
    assert (await gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})).status_code == 200
    revoke(token)

    response = await gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})

    assert (response.status_code, response.json()["code"]) == (401, "token_revoked")
    assert len(upstream.requests) == 1


async def test_bearer_and_cookie_tokens_are_forwarded_as_bearer(gateway, upstream, token_for):
    token = token_for("alice")
    await gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    gateway.cookies.set("bazaar_access", token)
    await gateway.get("/api/v1/auth/me")

    assert [r.headers["authorization"] for r in upstream.requests] == [f"Bearer {token}"] * 2


async def test_a_public_route_forwards_anonymously_past_a_stale_cookie(gateway, upstream, token_for):
    gateway.cookies.set("bazaar_access", token_for("alice", lifetime=-60))

    response = await gateway.get("/api/v1/gigs")

    assert response.status_code == 200
    assert "authorization" not in upstream.requests[0].headers


async def test_a_public_route_refuses_a_bad_bearer_token(gateway, upstream):
    response = await gateway.get("/api/v1/gigs", headers={"Authorization": "Bearer not-a-jwt"})

    assert response.status_code == 401
    assert upstream.requests == []


async def test_routes_without_tokens_never_forward_one(gateway, upstream, token_for):
    await gateway.post(
        "/api/v1/auth/signin", json={"username": "a"}, headers={"Authorization": f"Bearer {token_for('alice')}"}
    )

    assert "authorization" not in upstream.requests[0].headers
