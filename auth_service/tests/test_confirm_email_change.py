"""``POST /auth/confirm-email-change``: the link mailed to the new address makes it the account's."""

from datetime import timedelta

from django.utils import timezone

from auth_service.accounts.models import EmailToken, User
from auth_service.tests.conftest import DEVICE, event_data, post, published
from auth_service.tests.factories import PASSWORD, UserFactory

NEW = "dana.new@example.com"


def change_token(client) -> str:
    assert post(client, "change-email", {"current_password": PASSWORD, "new_email": NEW}).status_code == 200
    return event_data("auth.email_change.requested")["token"]


def test_the_link_makes_the_new_address_the_accounts_verified(api_client, client_of, user):
    token = change_token(client_of(user))

    response = post(api_client, "confirm-email-change", {"token": token})

    assert response.status_code == 200
    assert (response.json()["email"], response.json()["email_verified"]) == (NEW, True)
    user.refresh_from_db()
    assert (user.email, user.email_verified) == (NEW, True)


def test_the_change_is_told_with_the_previous_address(api_client, client_of, user):
    post(api_client, "confirm-email-change", {"token": change_token(client_of(user))})

    assert published() == ["auth.email_change.requested", "auth.user.email_changed"]
    data = event_data("auth.user.email_changed")
    assert {key: data[key] for key in ("user_id", "username", "email", "previous_email")} == {
        "user_id": user.pk,
        "username": "Dana",
        "email": NEW,
        "previous_email": "dana@example.com",
    }
    assert set(data) == {"user_id", "username", "email", "previous_email", "changed_at"}


def test_the_account_signs_in_with_the_new_address_only(api_client, client_of, user):
    post(api_client, "confirm-email-change", {"token": change_token(client_of(user))})

    def sign_in(identifier: str) -> int:
        body = {"username_or_email": identifier, "password": PASSWORD, "device_id": DEVICE}
        return post(api_client, "signin", body).status_code

    assert (sign_in(NEW), sign_in("dana@example.com")) == (200, 401)


def test_the_link_works_once(api_client, client_of, user):
    token = change_token(client_of(user))
    post(api_client, "confirm-email-change", {"token": token})

    response = post(api_client, "confirm-email-change", {"token": token})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_token"
    assert published().count("auth.user.email_changed") == 1


def test_an_expired_link_changes_nothing(api_client, client_of, user):
    token = change_token(client_of(user))
    EmailToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = post(api_client, "confirm-email-change", {"token": token})

    assert response.status_code == 400
    assert response.json()["code"] == "token_expired"
    assert User.objects.get(pk=user.pk).email == "dana@example.com"


def test_an_address_taken_meanwhile_is_refused_and_the_link_stays_unused(api_client, client_of, user):
    token = change_token(client_of(user))
    UserFactory(username="newcomer", email="Dana.New@example.com")

    response = post(api_client, "confirm-email-change", {"token": token})

    assert response.status_code == 400
    assert response.json()["code"] == "email_taken"
    assert list(response.json()["fields"]) == ["token"]
    assert User.objects.get(pk=user.pk).email == "dana@example.com"
    assert EmailToken.objects.get().used_at is None
    assert "auth.user.email_changed" not in published()


def test_links_mailed_to_the_previous_address_stop_working(api_client, client_of, user):
    post(api_client, "forgot-password", {"email": "dana@example.com"})
    reset_token = event_data("auth.password_reset.requested")["token"]
    post(api_client, "confirm-email-change", {"token": change_token(client_of(user))})

    body = {"token": reset_token, "password": "brand-new-secret-77", "password_confirm": "brand-new-secret-77"}
    response = post(api_client, "reset-password", body)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_token"


def test_a_verification_or_reset_token_is_not_a_change_link(api_client, client_of, user):
    post(api_client, "forgot-password", {"email": "dana@example.com"})
    reset_token = event_data("auth.password_reset.requested")["token"]

    response = post(api_client, "confirm-email-change", {"token": reset_token})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_token"
    assert User.objects.get(pk=user.pk).email == "dana@example.com"


def test_bad_input_names_the_field(api_client):
    for body, field in [({}, "token"), ({"token": "x" * 129}, "token"), ({"token": 5}, "token")]:
        response = post(api_client, "confirm-email-change", body)
        assert response.status_code == 400
        assert field in response.json()["fields"]
    assert published() == []
