from collections.abc import Callable

import httpx
import pytest

from gateway_project.tests.upstream import Upstream

pytestmark = pytest.mark.anyio
FRONTEND = "http://localhost:3000"
PREFLIGHT = {
    "Origin": FRONTEND,
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "content-type",
}


async def test_a_head_request_is_forwarded_as_head_and_answered_with_the_headers_of_a_get(
    gateway: httpx.AsyncClient, upstream: Upstream
) -> None:
    get = await gateway.get("/api/v1/gigs")
    head = await gateway.head("/api/v1/gigs")

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"] == "application/json"
    assert head.headers["x-upstream"] == "yes"
    assert [request.method for request in upstream.requests] == ["GET", "HEAD"]


async def test_a_head_request_to_a_protected_route_needs_a_token_like_a_get(
    gateway: httpx.AsyncClient, upstream: Upstream
) -> None:
    response = await gateway.head("/api/v1/orders")

    assert response.status_code == 401
    assert upstream.requests == []


async def test_a_preflight_is_answered_by_the_gateway_without_a_token_or_the_rate_limit(
    gateway: httpx.AsyncClient, upstream: Upstream, configure: Callable[..., object]
) -> None:
    configure(rate_limit_per_ip=1)

    responses = [await gateway.options("/api/v1/orders", headers=PREFLIGHT) for _ in range(3)]
    after = await gateway.get("/api/v1/gigs")

    assert [response.status_code for response in responses] == [204, 204, 204]
    first = responses[0]
    assert first.content == b""
    assert first.headers["access-control-allow-origin"] == FRONTEND
    assert first.headers["access-control-allow-methods"] == "GET, POST, PUT, PATCH, DELETE, OPTIONS"
    assert "content-type" in first.headers["access-control-allow-headers"].split(", ")
    assert first.headers["access-control-max-age"] == "600"
    assert len(first.headers["x-request-id"]) == 32
    assert "set-cookie" not in first.headers  # browsers ignore cookies on a preflight: none is set
    assert after.status_code == 200  # the preflights used none of the one-request budget
    assert [request.method for request in upstream.requests] == ["GET"]


async def test_an_options_request_that_is_not_a_preflight_goes_to_the_service(
    gateway: httpx.AsyncClient, upstream: Upstream
) -> None:
    response = await gateway.options("/api/v1/categories", headers={"Origin": FRONTEND})

    assert response.status_code == 200
    assert response.json() == {"echo": True, "service": "gigs"}
    assert [request.method for request in upstream.requests] == ["OPTIONS"]
