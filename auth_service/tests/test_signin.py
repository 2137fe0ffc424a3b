import pytest
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from auth_service.accounts.models import SigninCode
from auth_service.tests.conftest import DEVICE, event_data, post, published
from auth_service.tests.factories import UserFactory
from common.auth.tokens import validate_access_token


@pytest.mark.parametrize(
    "identifier",
    [
        {"username_or_email": "dana"},
        {"username_or_email": "DANA@example.com"},
        {"username": "Dana"},
        {"email": "dana@example.com"},
    ],
)
def test_signin_by_username_or_email_from_a_known_device(api_client, user, password, identifier):
    response = post(api_client, "signin", {**identifier, "password": password, "device_id": DEVICE})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"user", "access", "refresh", "access_expires_at"}
    assert body["user"]["id"] == user.pk
    claims = validate_access_token(body["access"])
    assert {k: claims[k] for k in ("user_id", "username", "email", "is_seller", "is_staff", "email_verified")} == {
        "user_id": user.pk,
        "username": "Dana",
        "email": "dana@example.com",
        "is_seller": False,
        "is_staff": False,
        "email_verified": False,
    }
    assert OutstandingToken.objects.filter(user=user).count() == 1
    assert published() == []


def test_signin_with_the_device_in_the_header(api_client, user, password):
    response = post(api_client, "signin", {"username": "dana", "password": password}, HTTP_X_DEVICE_ID=DEVICE)

    assert response.status_code == 200


def test_signin_without_any_device_id_is_treated_as_a_known_device(api_client, user, password):
    response = post(api_client, "signin", {"username": "dana", "password": password})

    assert response.status_code == 200
    assert SigninCode.objects.count() == 0


def test_signin_from_a_new_device_sends_a_code_instead_of_tokens(api_client, user, password):
    response = post(api_client, "signin", {"username": "dana", "password": password}, HTTP_X_DEVICE_ID="new-laptop")

    assert response.status_code == 202
    assert response.json()["code"] == "otp_required"
    assert "access" not in response.json()
    assert OutstandingToken.objects.count() == 0
    assert published() == ["auth.otp.requested"]
    data = event_data("auth.otp.requested")
    assert data["user_id"] == user.pk and data["expires_in_minutes"] == 10
    assert len(data["code"]) == 6 and data["code"].isdigit()
    assert SigninCode.objects.get().code_hash != data["code"]


@pytest.mark.parametrize(
    "body",
    [
        {"username": "dana", "password": "wrong-password-1"},
        {"username": "nobody", "password": "wrong-password-1"},
        {"email": "nobody@example.com", "password": "x"},
    ],
)
def test_signin_gives_the_same_401_for_unknown_account_and_wrong_password(api_client, user, body):
    response = post(api_client, "signin", {**body, "device_id": DEVICE})

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"
    assert OutstandingToken.objects.count() == 0
    assert published() == []


def test_signin_refuses_a_deactivated_account_like_a_wrong_password(api_client, password):
    UserFactory(username="gone", is_active=False)

    response = post(api_client, "signin", {"username": "gone", "password": password})

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


def test_signin_allows_five_failures_per_minute_per_account(api_client, user, password):
    for _ in range(5):
        assert post(api_client, "signin", {"username": "dana", "password": "nope-nope-1"}).status_code == 401

    # The account is locked for the minute even with the right password, by email too, from another IP.
    response = post(
        api_client, "signin", {"email": "dana@example.com", "password": password}, HTTP_X_CLIENT_IP="198.51.100.7"
    )

    assert response.status_code == 429
    assert response.json()["code"] == "too_many_attempts"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert OutstandingToken.objects.count() == 0


def test_signin_allows_five_failures_per_minute_per_ip(api_client, user, password):
    for n in range(5):
        response = post(
            api_client, "signin", {"username": f"ghost{n}", "password": "x"}, HTTP_X_CLIENT_IP="203.0.113.9"
        )
        assert response.status_code == 401

    blocked = post(api_client, "signin", {"username": "dana", "password": password}, HTTP_X_CLIENT_IP="203.0.113.9")
    other_ip = post(api_client, "signin", {"username": "dana", "password": password}, HTTP_X_CLIENT_IP="203.0.113.10")

    assert blocked.status_code == 429
    assert "Retry-After" in blocked
    assert other_ip.status_code == 200


def test_successful_signins_do_not_count_against_the_limit(api_client, user, password):
    for _ in range(7):
        assert post(api_client, "signin", {"username": "dana", "password": password}).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": "x"}, "username_or_email"),
        ({"username": "dana", "email": "other@example.com", "password": "x"}, "username_or_email"),
        ({"username": "dana"}, "password"),
        ({"username": "dana", "password": 123}, "password"),
        ({"username": "d" * 255, "password": "x"}, "username"),
        ({"username": "dana", "password": "x", "remember": True}, "remember"),
        ({"username": "' OR 1=1 --", "password": "x", "device_id": {"a": 1}}, "device_id"),
    ],
)
def test_signin_refuses_bad_input_naming_the_field(api_client, user, body, field):
    response = post(api_client, "signin", body)

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert OutstandingToken.objects.count() == 0
    assert published() == []


def test_sql_in_the_identifier_is_just_an_unknown_account(api_client, user):
    response = post(api_client, "signin", {"username_or_email": "' OR '1'='1", "password": "' OR '1'='1"})

    assert response.status_code == 401


def test_signin_requires_the_gateway_signature(user, password):
    from common.testing.client import GatewayClient

    response = post(GatewayClient(signed=False), "signin", {"username": "dana", "password": password})

    assert response.status_code == 401
    assert OutstandingToken.objects.count() == 0
