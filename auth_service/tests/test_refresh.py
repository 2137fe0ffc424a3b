import time

from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from auth_service.tests.conftest import DEVICE, post, published
from common.auth.tokens import validate_access_token
from common.testing.tokens import mint_token


def sign_in(client, password) -> dict:
    response = post(client, "signin", {"username": "dana", "password": password, "device_id": DEVICE})
    assert response.status_code == 200
    return response.json()


def test_refresh_rotates_and_blacklists_the_old_token(api_client, user, password):
    first = sign_in(api_client, password)

    response = post(api_client, "refresh", {"refresh": first["refresh"]})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"user", "access", "refresh", "access_expires_at"}
    assert body["refresh"] != first["refresh"]
    assert body["access"] != first["access"]
    assert OutstandingToken.objects.filter(user=user).count() == 2
    assert BlacklistedToken.objects.get().token.jti != validate_access_token(body["access"])["jti"]
    assert published() == []


def test_a_rotated_refresh_token_cannot_be_reused(api_client, user, password):
    first = sign_in(api_client, password)
    assert post(api_client, "refresh", {"refresh": first["refresh"]}).status_code == 200

    response = post(api_client, "refresh", {"refresh": first["refresh"]})

    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"
    assert OutstandingToken.objects.count() == 2


def test_the_new_refresh_token_keeps_working(api_client, user, password):
    token = sign_in(api_client, password)["refresh"]
    for _ in range(3):
        response = post(api_client, "refresh", {"refresh": token})
        assert response.status_code == 200
        token = response.json()["refresh"]


def test_the_refreshed_access_token_reflects_the_current_account(api_client, user, password):
    first = sign_in(api_client, password)
    user.email_verified = True
    user.save()

    response = post(api_client, "refresh", {"refresh": first["refresh"]})

    assert validate_access_token(response.json()["access"])["email_verified"] is True
    assert response.json()["user"]["email_verified"] is True


def test_refresh_for_a_deleted_or_disabled_account_is_refused(api_client, user, password):
    first = sign_in(api_client, password)
    user.is_active = False
    user.save()

    response = post(api_client, "refresh", {"refresh": first["refresh"]})

    assert response.status_code == 401


def test_an_access_token_is_not_a_refresh_token(api_client, user, password):
    first = sign_in(api_client, password)

    response = post(api_client, "refresh", {"refresh": first["access"]})

    assert response.status_code == 401


def test_a_refresh_token_this_service_never_issued_is_refused(api_client, user):
    # Correctly signed (e.g. a leaked key would allow this), but never recorded as outstanding.
    forged = mint_token({"user_id": user.pk}, token_type="refresh", lifetime=3600)

    response = post(api_client, "refresh", {"refresh": forged})

    assert response.status_code == 401
    assert OutstandingToken.objects.count() == 0


def test_an_expired_refresh_token_is_refused(api_client, user):
    expired = mint_token({"user_id": user.pk}, token_type="refresh", lifetime=-60)

    assert post(api_client, "refresh", {"refresh": expired}).status_code == 401


def test_refresh_refuses_garbage_and_bad_input(api_client, user):
    assert post(api_client, "refresh", {"refresh": "not.a.jwt"}).status_code == 401
    missing = post(api_client, "refresh", {})
    too_long = post(api_client, "refresh", {"refresh": "a" * 2049})
    wrong_type = post(api_client, "refresh", {"refresh": 5})

    for response in (missing, too_long, wrong_type):
        assert response.status_code == 400
        assert "refresh" in response.json()["fields"]


def test_access_expiry_is_reported(api_client, user, password):
    body = sign_in(api_client, password)

    from datetime import datetime

    expires = datetime.fromisoformat(body["access_expires_at"])
    assert abs(expires.timestamp() - (time.time() + 15 * 60)) < 30
