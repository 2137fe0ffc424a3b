"""Every request through the gateway writes one line: route pattern, status, duration, request id."""

import logging

import pytest

pytestmark = pytest.mark.anyio


def request_records(caplog):
    return [record for record in caplog.records if record.name == "bazaar.requests"]


async def test_a_proxied_request_is_logged_under_its_route_pattern_not_its_path(gateway, upstream, caplog):
    with caplog.at_level(logging.INFO, logger="bazaar.requests"):
        response = await gateway.get("/api/v1/gigs/42", headers={"X-Request-ID": "gateway-line-0001"})

    assert response.status_code == 200
    [record] = request_records(caplog)
    assert (record.method, record.route, record.status, record.request_id) == (
        "GET",
        "/api/v1/gigs/{id}",
        200,
        "gateway-line-0001",
    )
    assert record.duration_ms >= 0


async def test_a_request_the_gateway_refuses_is_logged_with_its_status_and_no_route(gateway, caplog):
    with caplog.at_level(logging.INFO, logger="bazaar.requests"):
        response = await gateway.get("/api/v1/nothing-here")

    assert response.status_code == 404
    [record] = request_records(caplog)
    assert (record.route, record.status) == (None, 404)


async def test_a_request_django_serves_is_logged_too(gateway, caplog):
    with caplog.at_level(logging.INFO, logger="bazaar.requests"):
        response = await gateway.get("/health")

    assert response.status_code == 200
    [record] = request_records(caplog)
    assert (record.method, record.route, record.status) == ("GET", "/health", 200)
