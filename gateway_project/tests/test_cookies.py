import pytest

pytestmark = pytest.mark.anyio

SIGNIN = {"username": "alice", "password": "secret-pass"}


def set_cookies(response) -> dict[str, str]:
    return {header.split("=", 1)[0]: header for header in response.headers.get_list("set-cookie")}


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/v1/auth/signup", 201), ("/api/v1/auth/signin", 200), ("/api/v1/auth/verify-otp", 200)],
)
async def test_issued_tokens_become_cookies_and_refresh_leaves_the_body(gateway, path, status):
    response = await gateway.post(path, json=SIGNIN)

    assert response.status_code == status
    body = response.json()
    assert body["access"] == "access-token-1" and "refresh" not in body
    assert body["user"] == {"id": 7, "username": "alice"}
    cookies = set_cookies(response)
    access, refresh = cookies["bazaar_access"], cookies["bazaar_refresh"]
    assert access.startswith("bazaar_access=access-token-1;")
    assert "HttpOnly" in access and "SameSite=Lax" in access and "Path=/;" in access and "Secure" in access
    assert refresh.startswith("bazaar_refresh=refresh-token-1;")
    assert "HttpOnly" in refresh and "Path=/api/v1/auth" in refresh


async def test_cookies_are_not_secure_in_local_dev(gateway, configure):
    configure(cookie_secure=False)
    response = await gateway.post("/api/v1/auth/signin", json=SIGNIN)

    assert "Secure" not in set_cookies(response)["bazaar_access"]


async def test_a_new_device_signin_sets_no_token_cookie(gateway, upstream):
    response = await gateway.post("/api/v1/auth/signin", json={**SIGNIN, "new_device": True})

    assert response.status_code == 202
    assert response.json()["code"] == "otp_required"
    assert set(set_cookies(response)) == {"bazaar_device"}
    assert upstream.requests[0].headers["x-device-id"] == response.cookies["bazaar_device"]


async def test_a_failed_signin_passes_the_401_through_without_cookies(gateway):
    response = await gateway.post("/api/v1/auth/signin", json={**SIGNIN, "password": "wrong"})

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"
    assert "bazaar_access" not in set_cookies(response)


async def test_refresh_takes_the_refresh_token_from_the_cookie_and_rotates_the_cookies(gateway, upstream):
    gateway.cookies.set("bazaar_refresh", "refresh-token-1", path="/api/v1/auth")

    response = await gateway.post("/api/v1/auth/refresh")

    assert response.status_code == 200
    assert upstream.requests[0].json() == {"refresh": "refresh-token-1"}
    assert upstream.requests[0].headers["content-type"] == "application/json"
    assert "refresh" not in response.json()
    assert set_cookies(response)["bazaar_refresh"].startswith("bazaar_refresh=refresh-token-2;")


async def test_a_refresh_token_in_the_body_wins_over_the_cookie(gateway, upstream):
    gateway.cookies.set("bazaar_refresh", "stale", path="/api/v1/auth")

    response = await gateway.post("/api/v1/auth/refresh", json={"refresh": "refresh-token-1"})

    assert response.status_code == 200
    assert upstream.requests[0].json() == {"refresh": "refresh-token-1"}


async def test_a_refused_refresh_clears_the_cookies(gateway):
    gateway.cookies.set("bazaar_refresh", "replayed", path="/api/v1/auth")

    response = await gateway.post("/api/v1/auth/refresh", json={})

    assert response.status_code == 401
    cookies = set_cookies(response)
    assert "Max-Age=0" in cookies["bazaar_access"] and "Max-Age=0" in cookies["bazaar_refresh"]


async def test_signout_sends_the_refresh_cookie_and_clears_both_cookies(gateway, upstream, token_for):
    gateway.cookies.set("bazaar_access", token_for("alice"))
    gateway.cookies.set("bazaar_refresh", "refresh-token-1", path="/api/v1/auth")

    response = await gateway.post("/api/v1/auth/signout", headers={"Origin": "http://localhost:3000"})

    assert response.status_code == 200
    [received] = upstream.requests
    assert received.json() == {"refresh": "refresh-token-1"}
    assert received.headers["authorization"].startswith("Bearer ")
    cookies = set_cookies(response)
    assert "Max-Age=0" in cookies["bazaar_access"] and "Max-Age=0" in cookies["bazaar_refresh"]


async def test_change_password_carries_the_refresh_cookie_and_keeps_the_cookies(gateway, upstream, token_for):
    gateway.cookies.set("bazaar_access", token_for("alice"))
    gateway.cookies.set("bazaar_refresh", "refresh-token-1", path="/api/v1/auth")

    response = await gateway.post("/api/v1/auth/change-password", json={"current_password": "a", "new_password": "b"})

    assert response.status_code == 200
    [received] = upstream.requests
    assert received.json() == {"current_password": "a", "new_password": "b", "refresh": "refresh-token-1"}
    assert {"bazaar_access", "bazaar_refresh"}.isdisjoint(set_cookies(response))
