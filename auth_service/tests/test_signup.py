import json

import pytest
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from auth_service.accounts.models import EmailToken, KnownDevice, User
from auth_service.tests.conftest import event_data, post, published
from auth_service.tests.factories import UserFactory
from common.auth.tokens import validate_access_token

VALID = {
    "username": "newbie",
    "email": "Newbie@Example.COM",
    "password": "sturdy-lantern-42",
    "country": "Côte d'Ivoire",
}


def assert_nothing_written() -> None:
    assert User.objects.count() == 0
    assert OutstandingToken.objects.count() == 0
    assert EmailToken.objects.count() == 0
    assert published() == []


def test_signup_creates_the_account_and_signs_it_in(api_client):
    response = post(api_client, "signup", {**VALID, "device_id": "dev-1"})

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"user", "access", "refresh", "access_expires_at"}
    user = User.objects.get()
    assert body["user"] == {
        "id": user.pk,
        "username": "newbie",
        "email": "Newbie@example.com",
        "email_verified": False,
        "is_seller": False,
        "country": "Côte d'Ivoire",
        "created_at": body["user"]["created_at"],
    }
    assert user.password.startswith("argon2$")
    assert user.check_password(VALID["password"])
    claims = validate_access_token(body["access"])
    assert claims["user_id"] == user.pk
    assert claims["username"] == "newbie"
    assert claims["email_verified"] is False
    assert claims["iss"] == "bazaar-auth" and claims["aud"] == "bazaar"
    assert KnownDevice.objects.filter(user=user).count() == 1


def test_signup_publishes_registration_and_verification_with_a_hashed_token(api_client):
    post(api_client, "signup", VALID)

    assert published() == ["auth.user.registered", "auth.email_verification.requested"]
    registered = event_data("auth.user.registered")
    assert registered == {
        "user_id": User.objects.get().pk,
        "username": "newbie",
        "email": "Newbie@example.com",
        "country": "Côte d'Ivoire",
    }
    token = event_data("auth.email_verification.requested")["token"]
    stored = EmailToken.objects.get()
    assert stored.token_hash != token
    assert token not in json.dumps(list(EmailToken.objects.values()), default=str)


def test_signup_takes_the_device_from_the_header(api_client):
    post(api_client, "signup", VALID, HTTP_X_DEVICE_ID="header-device")

    assert KnownDevice.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "existing"),
    [("username", {"username": "NEWBIE"}), ("email", {"email": "newbie@example.com"})],
)
def test_signup_refuses_a_taken_username_or_email_regardless_of_case(api_client, field, existing):
    UserFactory(**existing)

    response = post(api_client, "signup", VALID)

    assert response.status_code == 400
    assert response.json()["code"] == f"{field}_taken"
    assert field in response.json()["fields"]
    assert User.objects.count() == 1
    assert published() == []


@pytest.mark.parametrize("username", ["random", "Media"])
def test_signup_refuses_a_name_that_is_a_path_of_public_urls(api_client, username):
    response = post(api_client, "signup", {**VALID, "username": username})

    assert response.status_code == 400
    assert response.json()["code"] == "username_reserved"
    assert list(response.json()["fields"]) == ["username"]
    assert_nothing_written()


def test_signup_refuses_a_weak_password_naming_the_field(api_client):
    response = post(api_client, "signup", {**VALID, "password": "newbie123"})

    assert response.status_code == 400
    assert response.json()["code"] == "weak_password"
    assert "password" in response.json()["fields"]
    assert_nothing_written()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({k: v for k, v in VALID.items() if k != "email"}, "email"),
        ({**VALID, "email": "not-an-email"}, "email"),
        ({**VALID, "username": 12}, "username"),
        ({**VALID, "username": ["a"]}, "username"),
        ({**VALID, "username": "ab"}, "username"),
        ({**VALID, "username": "x" * 31}, "username"),
        ({**VALID, "username": "has@at"}, "username"),
        ({**VALID, "username": "<script>alert(1)</script>"}, "username"),
        ({**VALID, "username": "robert'); DROP TABLE accounts_user;--"}, "username"),
        ({**VALID, "email": "a" * 250 + "@x.io"}, "email"),
        ({**VALID, "password": "p" * 129}, "password"),
        ({**VALID, "country": "<b>Kenya</b>"}, "country"),
        ({**VALID, "country": "K" * 65}, "country"),
        ({**VALID, "country": None}, "country"),
        ({**VALID, "is_staff": True}, "is_staff"),
        ({**VALID, "email_verified": True}, "email_verified"),
        ({**VALID, "device_id": "d" * 129}, "device_id"),
    ],
)
def test_signup_refuses_bad_input_naming_the_field_and_writes_nothing(api_client, body, field):
    response = post(api_client, "signup", body)

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert_nothing_written()


def test_signup_refuses_malformed_json(api_client):
    response = api_client.post("/api/v1/auth/signup", '{"username": "x",', content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "malformed_request"
    assert_nothing_written()


def test_signup_refuses_a_json_array(api_client):
    response = post(api_client, "signup", [VALID])

    assert response.status_code == 400
    assert "non_field_errors" in response.json()["fields"]
    assert_nothing_written()


def test_signup_requires_the_gateway_signature(unsigned_client):
    response = post(unsigned_client, "signup", VALID)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert_nothing_written()


def test_signup_ignores_an_expired_access_token_the_browser_still_sends(token_for):
    from common.testing.client import GatewayClient

    response = post(GatewayClient(token=token_for("alice", lifetime=-60)), "signup", VALID)

    assert response.status_code == 201


def test_a_failure_after_the_account_row_leaves_nothing_behind(api_client, monkeypatch):
    from auth_service.accounts.services import signup

    def crash(user):
        raise RuntimeError("minting failed")

    monkeypatch.setattr(signup, "issue_token_pair", crash)
    api_client.raise_request_exception = False

    response = post(api_client, "signup", {**VALID, "device_id": "dev-1"})

    assert response.status_code == 500
    assert_nothing_written()
    assert KnownDevice.objects.count() == 0
