from datetime import timedelta

from django.utils import timezone

from auth_service.accounts.models import EmailToken, User
from auth_service.tests.conftest import event_data, post, published

SIGNUP = {"username": "vera", "email": "vera@example.com", "password": "sturdy-lantern-42", "country": "Peru"}


def signup_token(client) -> str:
    assert post(client, "signup", SIGNUP).status_code == 201
    return event_data("auth.email_verification.requested")["token"]


def test_the_emailed_token_verifies_the_address(api_client):
    token = signup_token(api_client)

    response = post(api_client, "verify-email", {"token": token})

    assert response.status_code == 200
    assert response.json()["email_verified"] is True
    assert User.objects.get().email_verified is True
    assert published()[-1] == "auth.email.verified"
    assert event_data("auth.email.verified") == {
        "user_id": User.objects.get().pk,
        "username": "vera",
        "email": "vera@example.com",
    }


def test_the_token_works_once(api_client):
    token = signup_token(api_client)
    post(api_client, "verify-email", {"token": token})

    response = post(api_client, "verify-email", {"token": token})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_token"
    assert published().count("auth.email.verified") == 1


def test_an_expired_token_is_refused(api_client):
    token = signup_token(api_client)
    EmailToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = post(api_client, "verify-email", {"token": token})

    assert response.status_code == 400
    assert response.json()["code"] == "token_expired"
    assert User.objects.get().email_verified is False
    assert "auth.email.verified" not in published()


def test_an_unknown_token_is_refused(api_client):
    signup_token(api_client)

    response = post(api_client, "verify-email", {"token": "x" * 43})

    assert response.status_code == 400
    assert response.json()["fields"] == {"token": ["This link is invalid or was already used."]}


def test_a_password_reset_token_does_not_verify_the_email(api_client):
    signup_token(api_client)
    post(api_client, "forgot-password", {"email": "vera@example.com"})
    reset_token = event_data("auth.password_reset.requested")["token"]

    response = post(api_client, "verify-email", {"token": reset_token})

    assert response.status_code == 400
    assert User.objects.get().email_verified is False


def test_verify_email_refuses_bad_input(api_client):
    for body, field in [
        ({}, "token"),
        ({"token": 1}, "token"),
        ({"token": "t" * 129}, "token"),
        ({"token": "t", "user_id": 1}, "user_id"),
    ]:
        response = post(api_client, "verify-email", body)
        assert response.status_code == 400
        assert field in response.json()["fields"]
