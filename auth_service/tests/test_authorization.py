"""Every protected endpoint refuses every caller that is not a signed-in, existing account via the gateway."""

import json

import pytest
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from auth_service.accounts.models import EmailToken
from auth_service.tests.factories import PASSWORD
from common.events.outbox.models import OutboxMessage
from common.testing.client import GatewayClient

PROTECTED = [
    ("get", "me", None),
    ("post", "signout", {}),
    ("post", "resend-verification", {}),
    ("post", "change-password", {"current_password": PASSWORD, "new_password": "brand-new-secret-77"}),
    ("post", "change-email", {"current_password": PASSWORD, "new_email": "dana.new@example.com"}),
    ("post", "delete-account", {"current_password": PASSWORD}),
]


def call(client: GatewayClient, method: str, path: str, body: object) -> object:
    url = f"/api/v1/auth/{path}"
    if method == "get":
        return client.get(url)
    return client.post(url, json.dumps(body), content_type="application/json")


def assert_refused(response, code: str) -> None:
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert OutboxMessage.objects.count() == 0
    assert EmailToken.objects.count() == 0
    assert BlacklistedToken.objects.count() == 0


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
def test_owner_is_allowed(client_of, user, method, path, body):
    response = call(client_of(user), method, path, body)

    assert response.status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
def test_no_token_is_refused(api_client, user, method, path, body):
    assert_refused(call(api_client, method, path, body), "not_authenticated")


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
def test_garbage_token_is_refused(user, method, path, body):
    assert_refused(call(GatewayClient(token="abc.def.ghi"), method, path, body), "token_invalid")


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
def test_expired_token_is_refused(token_of, user, method, path, body):
    assert_refused(call(GatewayClient(token=token_of(user, lifetime=-60)), method, path, body), "token_expired")


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
def test_token_of_a_deleted_account_is_refused(token_of, user, method, path, body):
    token = token_of(user)
    user.delete()

    assert_refused(call(GatewayClient(token=token), method, path, body), "account_unavailable")


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
def test_persona_token_without_an_account_here_is_refused(api_client_as, method, path, body):
    assert_refused(call(api_client_as("alice"), method, path, body), "account_unavailable")


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
def test_request_without_gateway_signature_is_refused(token_of, user, method, path, body):
    client = GatewayClient(token=token_of(user), signed=False)

    assert_refused(call(client, method, path, body), "gateway_signature_missing")


@pytest.mark.parametrize(("method", "path", "body"), PROTECTED)
def test_request_with_a_forged_gateway_signature_is_refused(token_of, user, method, path, body):
    client = GatewayClient(token=token_of(user), signed=False)
    url = f"/api/v1/auth/{path}"
    forged = "t=9999999999,n=" + "0" * 32 + ",s=" + "0" * 64
    response = client.generic(
        method.upper(),
        url,
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        HTTP_X_GATEWAY_SIGNATURE=forged,
    )

    assert_refused(response, "gateway_signature_expired")
