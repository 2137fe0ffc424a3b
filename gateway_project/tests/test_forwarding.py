import json

import httpx
import pytest
from django.conf import settings

from common.auth import signing

pytestmark = pytest.mark.anyio


def verify(received) -> str:
    return signing.verify(
        received.headers.get("x-gateway-signature"), received.signed_request(), settings.GATEWAY_SIGNING_KEY, ttl=30
    )


async def test_forwards_method_path_query_and_json_body_with_a_valid_signature(gateway, upstream, token_for):
    token = token_for("bob")
    body = {"title": "Logo design", "price": "50.00", "tags": ["é", "<b>"]}

    response = await gateway.post(
        "/api/v1/gigs?draft=1&q=a%20b", json=body, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 200
    assert response.json() == {"echo": True, "service": "gigs"}
    [received] = upstream.requests
    assert (received.service, received.method, received.path, received.query) == (
        "gigs",
        "POST",
        "/api/v1/gigs",
        "draft=1&q=a%20b",
    )
    assert received.json() == body
    assert received.headers["authorization"] == f"Bearer {token}"
    assert received.headers["content-type"] == "application/json"
    verify(received)


async def test_signature_covers_percent_encoded_paths(gateway, upstream):
    response = await gateway.get("/api/v1/sellers/b%C3%B6b")

    assert response.status_code == 200
    [received] = upstream.requests
    assert received.path == "/api/v1/sellers/böb"
    verify(received)


async def test_forwards_multipart_bodies_byte_for_byte_on_upload_routes(gateway, upstream, token_for):
    response = await gateway.post(
        "/api/v1/orders/9/deliver",
        data={"message": "done"},
        files={"files": ("logo.png", b"\x89PNG\r\n\x00binary", "image/png")},
        headers={"Authorization": f"Bearer {token_for('bob')}"},
    )

    assert response.status_code == 200
    [received] = upstream.requests
    assert received.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b"\x89PNG\r\n\x00binary" in received.body
    verify(received)


async def test_forwards_only_safe_headers_plus_the_gateway_ones(gateway, upstream, client_ip):
    response = await gateway.get(
        "/api/v1/gigs",
        headers={
            "Cookie": "bazaar_device=abcdefghijklmnop1234; other=secret",
            "X-Request-ID": "req-1234567890",
            "Accept-Language": "fr",
            "User-Agent": "tests/1.0",
            "X-Client-IP": "6.6.6.6",
            "X-Gateway-Signature": "t=1,s=forged",
            "Connection": "keep-alive, X-Secret",
            "X-Secret": "no",
        },
    )

    assert response.status_code == 200
    [received] = upstream.requests
    headers = received.headers
    assert "cookie" not in headers and "x-secret" not in headers
    assert headers["x-request-id"] == "req-1234567890"
    assert headers["x-client-ip"] == client_ip
    assert headers["x-device-id"] == "abcdefghijklmnop1234"
    assert headers["accept-language"] == "fr"
    assert headers["user-agent"] == "tests/1.0"
    assert headers["x-gateway-signature"] != "t=1,s=forged"
    verify(received)
    assert response.headers["x-request-id"] == "req-1234567890"


async def test_a_payment_webhook_reaches_orders_without_a_token_with_its_signature_and_exact_body(gateway, upstream):
    payload = b'{"id": "evt_1",  "type": "payment_intent.succeeded"}'

    response = await gateway.post(
        "/api/v1/orders/webhooks/stripe",
        content=payload,
        headers={"Content-Type": "application/json", "Stripe-Signature": "t=1,v1=abc"},
    )

    assert response.status_code == 200
    [received] = upstream.requests
    assert received.headers["stripe-signature"] == "t=1,v1=abc"
    assert received.body == payload
    assert "authorization" not in received.headers
    verify(received)


async def test_a_withdrawal_reaches_orders_with_its_idempotency_key(gateway, upstream, token_for):
    response = await gateway.post(
        "/api/v1/payouts/withdrawals",
        json={"amount": "25.00"},
        headers={"Authorization": f"Bearer {token_for('bob')}", "Idempotency-Key": "withdraw-7f3a"},
    )

    assert response.status_code == 200
    [received] = upstream.requests
    assert received.path == "/api/v1/payouts/withdrawals"
    assert received.headers["idempotency-key"] == "withdraw-7f3a"
    verify(received)


async def test_generates_a_request_id_and_a_device_cookie_when_missing(gateway, upstream):
    response = await gateway.get("/api/v1/gigs", headers={"X-Request-ID": "bad id with spaces"})

    [received] = upstream.requests
    request_id = received.headers["x-request-id"]
    assert request_id != "bad id with spaces" and len(request_id) == 32
    assert response.headers["x-request-id"] == request_id
    device = response.cookies["bazaar_device"]
    assert received.headers["x-device-id"] == device
    assert "httponly" in response.headers["set-cookie"].lower()


async def test_passes_back_status_body_and_safe_headers_unchanged(gateway, upstream):
    response = await gateway.get("/api/v1/gigs?status=418")

    assert response.status_code == 418
    assert response.json() == {"code": "teapot", "detail": "I am a teapot.", "fields": {"x": ["bad"]}}
    assert "service=leak" not in response.headers.get("set-cookie", "")

    ok = await gateway.get("/api/v1/gigs")
    assert ok.headers["x-upstream"] == "yes"


async def test_streams_large_bodies_back(gateway, upstream):
    response = await gateway.get("/api/v1/categories?big=2000000")
    assert response.status_code == 200
    assert response.content == b"x" * 2_000_000
    assert response.headers["content-type"] == "application/octet-stream"


async def behind(proxies: list[str], peer: str, headers: dict[str, str]) -> httpx.Response:
    """One request through the gateway application wrapped as ``TRUSTED_PROXIES=proxies`` wraps it."""
    from gateway_project.asgi import behind_trusted_proxies, route

    transport = httpx.ASGITransport(app=behind_trusted_proxies(route, proxies), client=(peer, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        return await client.get("/api/v1/gigs", headers=headers)


FORWARDED = {"X-Forwarded-For": "6.6.6.6, 1.2.3.4", "X-Forwarded-Proto": "https"}


async def test_believes_x_forwarded_for_and_proto_from_a_trusted_proxy(upstream, configure):
    response = await behind(["10.0.0.0/8"], "10.9.9.9", FORWARDED)

    assert response.status_code == 200
    [received] = upstream.requests
    # The rightmost address no trusted proxy wrote is the client; what it claimed further left is not.
    assert received.headers["x-client-ip"] == "1.2.3.4"
    assert received.headers["x-forwarded-proto"] == "https"


async def test_ignores_forwarding_headers_from_any_other_peer(upstream, configure):
    await behind(["10.0.0.0/8"], "192.0.2.7", FORWARDED)
    await behind([], "10.9.9.9", FORWARDED)

    first, second = upstream.requests
    assert (first.headers["x-client-ip"], first.headers["x-forwarded-proto"]) == ("192.0.2.7", "http")
    assert (second.headers["x-client-ip"], second.headers["x-forwarded-proto"]) == ("10.9.9.9", "http")


async def test_unknown_api_paths_and_dot_segments_are_404_without_forwarding(gateway, upstream):
    for path in ("/api/v1/nothing", "/api/v1/gigs/%2E%2E/auth/me", "/api/v1//gigs"):
        response = await gateway.get(path)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert upstream.requests == []


async def test_a_service_validation_error_reaches_the_client_unchanged(gateway, upstream):
    response = await gateway.post(
        "/api/v1/auth/reset-password?status=400", content=b"{not json", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {"x": ["bad"]}
    assert upstream.requests[0].body == b"{not json"
    assert json.loads(response.content)["code"] == "teapot"


async def test_head_requests_pass_headers_without_a_body(gateway, upstream):
    response = await gateway.head("/api/v1/gigs")

    assert response.status_code == 200
    assert response.content == b""
    assert upstream.requests[0].method == "HEAD"


async def test_an_unexpected_error_is_a_json_500_and_the_gateway_keeps_serving(gateway, upstream, monkeypatch):
    from gateway_project.proxy import app

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(app, "upstream_headers", explode)
    failed = await gateway.get("/api/v1/gigs")
    monkeypatch.undo()
    served = await gateway.get("/api/v1/gigs")

    assert (failed.status_code, failed.json()["code"]) == (500, "server_error")
    assert served.status_code == 200


async def test_identical_requests_with_the_clients_request_id_get_the_gateways_own_nonces(gateway, upstream):
    headers = {"X-Request-ID": "client-chosen-id-1"}

    first = await gateway.get("/api/v1/gigs", headers=headers)
    second = await gateway.get("/api/v1/gigs", headers=headers)

    assert (first.status_code, second.status_code) == (200, 200)
    assert [received.headers["x-request-id"] for received in upstream.requests] == ["client-chosen-id-1"] * 2
    nonces = {verify(received) for received in upstream.requests}
    assert len(nonces) == 2
