"""Undeclared methods get 405 with the JSON error body and ``Allow``, at the gateway and through it."""

import pytest

pytestmark = pytest.mark.anyio
ERROR_405 = {"code": "method_not_allowed", "detail": "Method not allowed."}


@pytest.mark.parametrize("path", ["/health", "/health/ready", "/api/schema"])
@pytest.mark.parametrize("method", ["TRACE", "PUT", "POST", "PATCH", "DELETE", "OPTIONS"])
async def test_the_gateways_own_operations_answer_405_to_an_undeclared_method(gateway, upstream, path, method):
    response = await gateway.request(method, path)

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert response.json() == ERROR_405
    assert upstream.requests == []


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE"])
async def test_the_docs_answer_405_to_an_undeclared_method(gateway, method):
    response = await gateway.request(method, "/api/docs")

    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
    assert response.json()["code"] == "method_not_allowed", response.json()


async def test_an_unknown_gateway_path_is_the_json_404(gateway, settings):
    settings.DEBUG = True

    response = await gateway.request("TRACE", "/no/such/page")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Not found."}


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "PROPFIND", "BREW"])
@pytest.mark.parametrize("path", ["/api/v1/gigs", "/api/v1/gigs/1", "/api/v1/orders"])
async def test_a_method_the_api_does_not_use_is_refused_at_the_gateway_and_never_forwarded(
    gateway, upstream, path, method
):
    response = await gateway.request(method, path)

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
    assert response.json() == {"code": "method_not_allowed", "detail": f'Method "{method}" not allowed.'}
    assert upstream.requests == []


async def test_a_method_the_api_uses_goes_to_the_service_which_knows_the_resources_methods(
    gateway, upstream, token_for
):
    response = await gateway.put("/api/v1/gigs", json={}, headers={"Authorization": f"Bearer {token_for('bob')}"})

    assert response.status_code == 200  # the echo upstream's answer: the real service answers 405 + Allow
    assert [request.method for request in upstream.requests] == ["PUT"]


async def test_a_nul_in_an_api_path_is_a_404_at_the_gateway(gateway, upstream):
    response = await gateway.get("/api/v1/sellers/%00")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Not found."}
    assert upstream.requests == []


async def test_the_ticket_route_names_its_one_method(gateway, token_for):
    response = await gateway.get("/api/v1/realtime/ticket", headers={"Authorization": f"Bearer {token_for('alice')}"})

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
