"""The one authentication class: gateway signature first, then the access token."""

import json

import pytest

from common.auth import revocation
from common.redis import get_redis
from common.testing.client import GatewayClient
from common.testing.tokens import mint_token

pytestmark = pytest.mark.django_db


def test_a_signed_request_with_a_valid_token_sees_the_user(api_client_as):
    response = api_client_as("bob").get("/whoami")

    assert response.status_code == 200
    assert response.json() == {"id": 1002, "username": "bob", "is_seller": True}


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client):
    response = unsigned_client.get("/whoami")

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"


def test_a_replayed_request_is_refused(token_for):
    client = GatewayClient(token=token_for("alice"))
    headers = {"HTTP_X_REQUEST_ID": "replayed-request-1", "HTTP_X_GATEWAY_SIGNATURE": None}
    from django.conf import settings

    from common.auth.signing import SignedRequest, sign

    headers["HTTP_X_GATEWAY_SIGNATURE"] = sign(
        SignedRequest("GET", "/whoami", b"", "replayed-request-1"), settings.GATEWAY_SIGNING_KEY
    )

    first = client.get("/whoami", **headers)
    second = client.get("/whoami", **headers)

    assert first.status_code == 200
    assert second.status_code == 401
    assert second.json()["code"] == "gateway_signature_replayed"


def test_two_identical_requests_with_the_clients_request_id_in_one_second_are_both_served(token_for):
    # The request id is the client's: it must not be what replay protection keys on.
    client = GatewayClient(token=token_for("alice"))

    first = client.get("/whoami", HTTP_X_REQUEST_ID="client-chosen-id-1")
    second = client.get("/whoami", HTTP_X_REQUEST_ID="client-chosen-id-1")

    assert (first.status_code, second.status_code) == (200, 200)


def test_anonymous_requests_to_protected_views_get_401(api_client):
    response = api_client.get("/whoami")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_buyer_is_refused_a_sellers_only_view(api_client_as):
    response = api_client_as("alice").get("/sellers-only")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_an_expired_token_is_refused(token_for):
    response = GatewayClient(token=token_for("alice", lifetime=-60)).get("/whoami")

    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"


def test_a_refresh_token_is_not_an_access_token(token_for):
    response = GatewayClient(token=token_for("alice", token_type="refresh")).get("/whoami")

    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"


def test_a_revoked_token_is_refused(personas):
    token = mint_token(personas["alice"].claims())
    from rest_framework_simplejwt.tokens import AccessToken

    payload = AccessToken(token).payload
    revocation.revoke(get_redis(), payload["jti"], payload["exp"])

    response = GatewayClient(token=token).get("/whoami")

    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"


def test_errors_of_every_kind_share_one_shape(api_client):
    unknown = api_client.post("/echo", {"name": "x", "admin": True}, format="json")
    too_long = api_client.post("/echo", {"name": "x" * 11}, format="json")
    conflict = api_client.post("/echo", {"name": "taken"}, format="json")
    domain_invalid = api_client.post("/echo", {"name": "bad"}, format="json")
    malformed = api_client.post("/echo", "{not json", content_type="application/json")
    missing_page = api_client.get("/no-such-page")

    assert (unknown.status_code, unknown.json()["code"], list(unknown.json()["fields"])) == (400, "invalid", ["admin"])
    assert too_long.json()["fields"]["name"] == ["Ensure this field has no more than 10 characters."]
    assert (conflict.status_code, conflict.json()) == (409, {"code": "name_taken", "detail": "That name is taken."})
    assert domain_invalid.json() == {
        "code": "invalid",
        "detail": "name: Not that one.",
        "fields": {"name": ["Not that one."]},
    }
    assert (malformed.status_code, malformed.json()["code"]) == (400, "malformed_request")
    assert (missing_page.status_code, json.loads(missing_page.content)) == (
        404,
        {"code": "not_found", "detail": "Not found."},
    )


def test_absurdly_nested_json_is_a_400_not_a_server_error(api_client):
    response = api_client.post("/echo", b"[" * 5000 + b"]" * 5000, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "malformed_request"
