"""Hostile input through the real gateway to the real services (debug on, as under ``make up``):
never a 5xx, never Django's HTML debug page, undeclared methods 405."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e
HUGE = 10**30
BEYOND_BIGINT = 2**63


def assert_json_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json"), response.text[:300]
    body = response.json()
    assert body["code"] == code
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/sellers/%00",
        "/api/v1/sellers/%00/gigs",
        "/api/v1/sellers/%00/reviews",
        "/api/v1/buyers/%00",
        f"/api/v1/gigs/{BEYOND_BIGINT}",
        f"/api/v1/gigs/{HUGE}/reviews",
        "/api/v1/sellers/someone/no/such/path",
    ],
)
def test_a_path_that_names_nothing_is_the_json_404(fleet, path):
    with fleet.client() as client:
        assert_json_error(client.get(path), 404, "not_found")


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (f"page={HUGE}", "page"),
        ("q=logo%00", "q"),
        ("min_price=1e400", "min_price"),
        (f"max_delivery_days={HUGE}", "max_delivery_days"),
    ],
)
def test_a_search_parameter_out_of_bounds_is_a_400_naming_it(fleet, query, field):
    with fleet.client() as client:
        body = assert_json_error(client.get(f"/api/v1/gigs?{query}"), 400, "invalid")

    assert list(body["fields"]) == [field]


@pytest.mark.parametrize("path", ["/health", "/health/ready", "/api/schema", "/api/v1/gigs", "/api/v1/gigs/1"])
@pytest.mark.parametrize("method", ["TRACE", "CONNECT"])
def test_a_method_nobody_declared_is_a_405_with_allow(fleet, path, method):
    with fleet.client() as client:
        response = client.request(method, path)

    assert_json_error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["allow"]
    assert "TRACE" not in response.headers["allow"]


def test_a_method_the_resource_lacks_is_the_services_405_with_its_own_allow(fleet):
    with fleet.client() as client:
        response = client.put("/api/v1/categories", json={})

    assert_json_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"
