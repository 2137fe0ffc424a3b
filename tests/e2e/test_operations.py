"""The gateway's operations surface: health, outages, schema, CORS, CSRF.

The e2e fleet runs every service. Outages are shown by one more gateway process of the
fleet that is told orders and reviews live on ports where nothing listens.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from common.fleet.services import NAMES
from tests.e2e.conftest import PORT_OFFSET, Fleet, another_gateway
from tests.e2e.mailbox import free_port as closed_port

pytestmark = pytest.mark.e2e

FRONTEND = "http://localhost:3000"
FOREIGN = "https://evil.example"
DOWN_SERVICES = {"orders", "reviews"}
PARTIAL_GATEWAY_PORT = 8000 + PORT_OFFSET + 101
A_ROUTE_TO_A_DOWN_SERVICE = "/api/v1/orders"  # orders, behind a token
AUTH_PATHS = {
    "/api/v1/auth/signup",
    "/api/v1/auth/signin",
    "/api/v1/auth/verify-otp",
    "/api/v1/auth/signout",
    "/api/v1/auth/refresh",
    "/api/v1/auth/me",
    "/api/v1/auth/verify-email",
    "/api/v1/auth/resend-verification",
    "/api/v1/auth/forgot-password",
    "/api/v1/auth/reset-password",
    "/api/v1/auth/change-password",
}


@pytest.fixture(scope="module")
def partial(fleet: Fleet) -> Iterator[Fleet]:
    """A gateway of the fleet for which orders and reviews are down (their ports are closed)."""
    down = {
        "ORDERS_SERVICE_URL": f"http://127.0.0.1:{closed_port()}",
        "REVIEWS_SERVICE_URL": f"http://127.0.0.1:{closed_port()}",
    }
    with another_gateway(fleet, PARTIAL_GATEWAY_PORT, **down) as url:
        yield Fleet(fleet.process, url, fleet.env)


def test_readiness_is_200_with_every_service_of_the_fleet_and_redis_ok(fleet):
    with fleet.client() as client:
        response = client.get("/health/ready")

    assert response.status_code == 200, response.text
    body = response.json()
    services = set(NAMES) - {"gateway"}
    assert body["checks"] == dict.fromkeys({*services, "redis"}, "ok")
    assert (body["status"], body["down"]) == ("ok", [])


def test_liveness_is_200_whatever_is_down(partial):
    with partial.client() as client:
        response = client.get("/health")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_readiness_is_503_naming_every_service_that_is_not_running_and_none_that_is(partial):
    with partial.client() as client:
        response = client.get("/health/ready")

    assert response.status_code == 503, response.text
    body = response.json()
    assert set(body["down"]) == DOWN_SERVICES
    running = ("auth", "users", "gigs", "chat", "notifications", "redis")
    assert {name: body["checks"][name] for name in running} == dict.fromkeys(running, "ok")
    assert {name for name, state in body["checks"].items() if state == "down"} == DOWN_SERVICES


def test_a_route_to_a_service_that_is_down_is_a_fast_502_while_auth_keeps_working(partial, signed_up):
    bearer = {"Authorization": f"Bearer {signed_up.access}"}
    with partial.client() as client:
        started = time.monotonic()
        down = client.get(A_ROUTE_TO_A_DOWN_SERVICE, headers=bearer)
        elapsed = time.monotonic() - started
        me = client.get("/api/v1/auth/me", headers=bearer)

    assert down.status_code == 502, down.text
    assert down.json()["code"] == "service_unavailable"
    assert down.headers.get("X-Request-ID")
    assert elapsed < 2.0  # refused connection, not a timeout
    assert me.status_code == 200
    assert me.json()["username"] == signed_up.account["username"]


def test_a_route_to_a_service_that_is_down_still_checks_the_token_first(partial):
    with partial.client() as client:
        response = client.get(A_ROUTE_TO_A_DOWN_SERVICE)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_the_schema_is_openapi_3_with_the_running_services_paths_and_names_the_missing_ones(partial):
    with partial.client() as client:
        response = client.get("/api/schema")

    assert response.status_code == 200, response.text
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) >= AUTH_PATHS
    assert "post" in document["paths"]["/api/v1/auth/signup"]
    assert "get" in document["paths"]["/api/v1/auth/me"]
    assert "get" in document["paths"]["/api/v1/buyers/me"]  # users is running: its paths are merged in
    assert set(document["x-missing-services"]) == DOWN_SERVICES


def test_the_schema_of_the_whole_fleet_has_the_order_and_review_paths_and_misses_nothing(fleet):
    with fleet.client() as client:
        document = client.get("/api/schema").json()

    assert "x-missing-services" not in document
    order_paths = {"/api/v1/orders", "/api/v1/orders/payment-intent", "/api/v1/orders/{order_id}/deliver"}
    review_paths = {"/api/v1/reviews", "/api/v1/gigs/{gig_id}/reviews", "/api/v1/sellers/{username}/reviews"}
    assert order_paths | review_paths <= set(document["paths"])


def test_the_docs_are_an_html_page(fleet):
    with fleet.client() as client:
        response = client.get("/api/docs")

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<html" in response.text.lower()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/health"),
        ("GET", "/health/ready"),
        ("GET", "/api/schema"),
        ("GET", "/api/docs"),
        ("GET", "/api/v1/auth/me"),
        ("GET", "/api/v1/nowhere"),
        ("POST", "/api/v1/auth/signup"),
    ],
)
def test_every_response_carries_a_request_id(fleet, method, path):
    with fleet.client() as client:
        response = client.request(method, path, json={} if method == "POST" else None)

    assert response.headers.get("X-Request-ID"), f"{method} {path} -> {response.status_code}"


def test_a_well_formed_request_id_from_the_client_is_echoed(fleet):
    with fleet.client() as client:
        response = client.get("/api/v1/auth/me", headers={"X-Request-ID": "e2e-trace-0001"})

    assert response.status_code == 401
    assert response.headers["X-Request-ID"] == "e2e-trace-0001"


def test_a_cors_preflight_from_the_front_end_is_allowed_with_credentials(fleet):
    with fleet.client() as client:
        response = client.options(
            "/api/v1/auth/signin",
            headers={
                "Origin": FRONTEND,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )

    assert response.status_code in (200, 204)
    assert response.headers["Access-Control-Allow-Origin"] == FRONTEND
    assert response.headers["Access-Control-Allow-Credentials"] == "true"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()


def test_a_cors_preflight_from_a_foreign_origin_is_not_allowed(fleet):
    with fleet.client() as client:
        response = client.options(
            "/api/v1/auth/signin", headers={"Origin": FOREIGN, "Access-Control-Request-Method": "POST"}
        )

    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_a_front_end_request_gets_cors_headers_and_a_foreign_one_does_not(fleet):
    with fleet.client() as client:
        ours = client.get("/api/v1/auth/me", headers={"Origin": FRONTEND})
        theirs = client.get("/api/v1/auth/me", headers={"Origin": FOREIGN})

    assert ours.headers["Access-Control-Allow-Origin"] == FRONTEND
    assert ours.headers["Access-Control-Allow-Credentials"] == "true"
    assert "Access-Control-Allow-Origin" not in theirs.headers


def test_a_cookie_authenticated_post_from_a_foreign_origin_is_refused_as_csrf(fleet, auth_db, signed_up):
    browser = signed_up.browser
    before = auth_db.row_counts()

    foreign = browser.post("/api/v1/auth/resend-verification", headers={"Origin": FOREIGN})
    cross_site = browser.post("/api/v1/auth/resend-verification", headers={"Sec-Fetch-Site": "cross-site"})

    for refused in (foreign, cross_site):
        assert refused.status_code == 403, refused.text
        assert refused.json()["code"] == "csrf_failed"
    assert auth_db.row_counts() == before  # no verification email was queued
    assert browser.get("/api/v1/auth/me").status_code == 200  # the session is intact


def test_a_cookie_authenticated_post_from_the_front_end_is_allowed(fleet, auth_db, signed_up):
    response = signed_up.browser.post("/api/v1/auth/resend-verification", headers={"Origin": FRONTEND})

    assert response.status_code == 200, response.text
    assert response.headers["Access-Control-Allow-Origin"] == FRONTEND


@pytest.mark.parametrize("service", NAMES)
def test_every_process_of_the_e2e_fleet_runs_its_celery_worker(fleet, service):
    # A worker says it is ready on its own time, possibly after the fleet's ready line.
    deadline = time.monotonic() + 20
    while not any(line.startswith(f"{service}-worker") and " ready." in line for line in fleet.output):
        assert time.monotonic() < deadline, [line for line in fleet.output if line.startswith(f"{service}-worker")]
        time.sleep(0.2)
