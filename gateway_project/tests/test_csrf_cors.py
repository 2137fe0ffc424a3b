import pytest

pytestmark = pytest.mark.anyio
FRONTEND = "http://localhost:3000"


@pytest.fixture
def signed_in(gateway, token_for):
    gateway.cookies.set("bazaar_access", token_for("alice"))
    return gateway


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}],
    ids=["foreign-origin", "cross-site", "null-origin"],
)
async def test_cookie_authenticated_unsafe_requests_from_elsewhere_are_refused(signed_in, upstream, headers):
    response = await signed_in.post("/api/v1/orders", json={}, headers=headers)

    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert upstream.requests == []


async def test_a_refresh_cookie_alone_is_protected_too(gateway, upstream):
    gateway.cookies.set("bazaar_refresh", "refresh-token-1", path="/api/v1/auth")

    response = await gateway.post("/api/v1/auth/refresh", headers={"Origin": "https://evil.example"})

    assert response.status_code == 403
    assert upstream.requests == []


@pytest.mark.parametrize(
    "headers",
    [{"Origin": FRONTEND}, {"Origin": "http://testserver"}, {"Sec-Fetch-Site": "same-origin"}, {}],
    ids=["frontend", "same-origin", "fetch-same-origin", "no-origin"],
)
async def test_cookie_authenticated_requests_from_home_pass(signed_in, upstream, headers):
    response = await signed_in.post("/api/v1/orders", json={}, headers=headers)

    assert response.status_code == 200


async def test_bearer_requests_and_safe_methods_are_not_csrf_checked(signed_in, token_for):
    bearer = await signed_in.post(
        "/api/v1/orders",
        json={},
        headers={"Origin": "https://evil.example", "Authorization": f"Bearer {token_for('alice')}"},
    )
    read = await signed_in.get("/api/v1/orders", headers={"Sec-Fetch-Site": "cross-site"})

    assert bearer.status_code == 200 and read.status_code == 200


async def test_cors_preflight_allows_the_frontend_with_credentials(gateway, upstream):
    response = await gateway.options(
        "/api/v1/gigs", headers={"Origin": FRONTEND, "Access-Control-Request-Method": "POST"}
    )

    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == FRONTEND
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert upstream.requests == []


async def test_cors_headers_only_for_the_frontend(gateway):
    ours = await gateway.get("/api/v1/gigs", headers={"Origin": FRONTEND})
    theirs = await gateway.get("/api/v1/gigs", headers={"Origin": "https://evil.example"})
    preflight = await gateway.options(
        "/api/v1/gigs", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )

    assert ours.headers["access-control-allow-origin"] == FRONTEND
    assert "access-control-allow-origin" not in theirs.headers
    assert "access-control-allow-origin" not in preflight.headers
