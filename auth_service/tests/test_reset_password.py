from datetime import timedelta

from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from auth_service.accounts.models import EmailToken, User
from auth_service.tests.conftest import DEVICE, event_data, post, published
from auth_service.tests.factories import PASSWORD

NEW = "fresh-meadow-paint-81"


def reset_token(client) -> str:
    assert post(client, "forgot-password", {"email": "dana@example.com"}).status_code == 200
    return event_data("auth.password_reset.requested")["token"]


def sign_in(client, password: str):
    return post(client, "signin", {"username": "dana", "password": password, "device_id": DEVICE})


def test_reset_sets_the_new_password_and_signs_every_session_out(api_client, user):
    sessions = [sign_in(api_client, PASSWORD).json() for _ in range(2)]
    token = reset_token(api_client)

    response = post(api_client, "reset-password", {"token": token, "password": NEW, "password_confirm": NEW})

    assert response.status_code == 200
    assert sign_in(api_client, PASSWORD).status_code == 401
    assert sign_in(api_client, NEW).status_code == 200
    assert BlacklistedToken.objects.count() == 2
    for session in sessions:
        assert post(api_client, "refresh", {"refresh": session["refresh"]}).status_code == 401
    assert published() == ["auth.password_reset.requested", "auth.password_reset.completed"]
    assert event_data("auth.password_reset.completed") == {
        "user_id": user.pk,
        "username": "Dana",
        "email": "dana@example.com",
    }


def test_the_reset_token_works_once(api_client, user):
    token = reset_token(api_client)
    post(api_client, "reset-password", {"token": token, "password": NEW, "password_confirm": NEW})

    response = post(
        api_client,
        "reset-password",
        {"token": token, "password": "another-one-92x", "password_confirm": "another-one-92x"},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_token"
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_an_expired_reset_token_is_refused(api_client, user):
    token = reset_token(api_client)
    EmailToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = post(api_client, "reset-password", {"token": token, "password": NEW, "password_confirm": NEW})

    assert response.status_code == 400
    assert response.json()["code"] == "token_expired"
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert "auth.password_reset.completed" not in published()


def test_a_newer_reset_link_retires_the_older_one(api_client, user):
    first = reset_token(api_client)
    second = reset_token(api_client)

    assert (
        post(api_client, "reset-password", {"token": first, "password": NEW, "password_confirm": NEW}).status_code
        == 400
    )
    assert (
        post(api_client, "reset-password", {"token": second, "password": NEW, "password_confirm": NEW}).status_code
        == 200
    )


def test_a_weak_password_is_refused_and_the_token_stays_usable(api_client, user):
    token = reset_token(api_client)

    weak = post(api_client, "reset-password", {"token": token, "password": "12345678", "password_confirm": "12345678"})
    strong = post(api_client, "reset-password", {"token": token, "password": NEW, "password_confirm": NEW})

    assert weak.status_code == 400
    assert weak.json()["code"] == "weak_password"
    assert "password" in weak.json()["fields"]
    assert strong.status_code == 200


def test_mismatched_confirmation_is_refused_naming_the_field(api_client, user):
    token = reset_token(api_client)

    response = post(api_client, "reset-password", {"token": token, "password": NEW, "password_confirm": NEW + "x"})

    assert response.status_code == 400
    assert "password_confirm" in response.json()["fields"]
    assert EmailToken.objects.get().used_at is None
    assert "auth.password_reset.completed" not in published()


def test_reset_password_refuses_bad_input(api_client, user):
    reset_token(api_client)
    before = User.objects.get().password
    for body, field in [
        ({"password": NEW, "password_confirm": NEW}, "token"),
        ({"token": "t", "password": NEW}, "password_confirm"),
        ({"token": "t", "password": "p" * 129, "password_confirm": "p" * 129}, "password"),
        ({"token": "t", "password": NEW, "password_confirm": NEW, "user_id": 1}, "user_id"),
    ]:
        response = post(api_client, "reset-password", body)
        assert response.status_code == 400
        assert field in response.json()["fields"]
    assert User.objects.get().password == before
    assert OutstandingToken.objects.count() == 0
