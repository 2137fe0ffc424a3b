from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from auth_service.tests.conftest import DEVICE, post
from auth_service.tests.factories import PASSWORD, UserFactory
from common.testing.client import GatewayClient


def sign_in(username: str, device: str | None = DEVICE) -> dict:
    body = {"username": username, "password": PASSWORD}
    if device:
        body["device_id"] = device
    response = post(GatewayClient(), "signin", body)
    assert response.status_code == 200
    return response.json()


def test_signout_blacklists_the_refresh_token_and_revokes_the_access_token(user):
    tokens = sign_in("dana")
    client = GatewayClient(token=tokens["access"])

    response = post(client, "signout", {"refresh": tokens["refresh"]})

    assert response.status_code == 200
    assert response.json() == {"detail": "Signed out."}
    assert BlacklistedToken.objects.count() == 1
    me = GatewayClient(token=tokens["access"]).get("/api/v1/auth/me")
    assert me.status_code == 401
    assert me.json()["code"] == "token_revoked"
    assert post(GatewayClient(), "refresh", {"refresh": tokens["refresh"]}).status_code == 401


def test_signout_without_a_refresh_token_still_ends_the_access_token(user):
    tokens = sign_in("dana")

    response = post(GatewayClient(token=tokens["access"]), "signout")

    assert response.status_code == 200
    assert BlacklistedToken.objects.count() == 0
    assert GatewayClient(token=tokens["access"]).get("/api/v1/auth/me").status_code == 401


def test_signout_never_blacklists_another_users_refresh_token(user):
    UserFactory(username="erin")
    dana, erin = sign_in("dana"), sign_in("erin", device=None)

    response = post(GatewayClient(token=dana["access"]), "signout", {"refresh": erin["refresh"]})

    assert response.status_code == 200
    assert BlacklistedToken.objects.count() == 0
    assert post(GatewayClient(), "refresh", {"refresh": erin["refresh"]}).status_code == 200


def test_signout_ignores_an_invalid_refresh_token(user):
    tokens = sign_in("dana")

    response = post(GatewayClient(token=tokens["access"]), "signout", {"refresh": "garbage"})

    assert response.status_code == 200


def test_signout_refuses_unknown_fields(user):
    tokens = sign_in("dana")

    response = post(GatewayClient(token=tokens["access"]), "signout", {"refresh": tokens["refresh"], "all": True})

    assert response.status_code == 400
    assert "all" in response.json()["fields"]
    assert BlacklistedToken.objects.count() == 0
