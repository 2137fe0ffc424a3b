"""Revocation reaches every session: what auth writes on sign-out, password change and reset, deactivation.

Sign-out ends one session (every access token it was given, across refreshes); the
others write the user's token epoch, which refuses every access token issued before
it (a password change keeps the changer's session). Each is broadcast to the gateways.
"""

from collections.abc import Callable, Iterator

import pytest
from rest_framework_simplejwt.tokens import AccessToken

from auth_service.accounts import services
from auth_service.accounts.models import User
from auth_service.tests.conftest import DEVICE, event_data, post
from auth_service.tests.factories import PASSWORD
from common.auth.revocation import Revocation, channel_name, epoch_key
from common.redis import get_redis
from common.testing.client import GatewayClient

NEW = "a-brand-new-passphrase-77"


def sign_in(password: str = PASSWORD) -> dict:
    response = post(GatewayClient(), "signin", {"username": "dana", "password": password, "device_id": DEVICE})
    assert response.status_code == 200, response.content
    return response.json()


def me(access: str) -> tuple[int, str | None]:
    response = GatewayClient(token=access).get("/api/v1/auth/me")
    return response.status_code, response.json().get("code")


def claims(access: str) -> dict:
    return dict(AccessToken(access).payload)


@pytest.fixture
def broadcasts(user: User) -> Iterator[Callable[[], list[Revocation]]]:
    """``broadcasts()`` → the revocations auth published about ``user`` so far in the test."""
    redis = get_redis()
    pubsub = redis.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(channel_name(redis))
    pubsub.get_message(timeout=1)  # the subscription's confirmation
    heard: list[Revocation] = []

    def read() -> list[Revocation]:
        while (message := pubsub.get_message(timeout=0.5)) is not None:
            revocation = Revocation.loads(message["data"])
            if revocation.user_id == user.pk:
                heard.append(revocation)
        return heard

    yield read
    pubsub.close()
    redis.delete(epoch_key(user.pk))


def test_tokens_name_their_session_and_when_to_the_microsecond_and_a_refresh_keeps_the_session(user):
    first = sign_in()
    refreshed = post(GatewayClient(), "refresh", {"refresh": first["refresh"]}).json()

    assert claims(first["access"])["sid"] == claims(refreshed["access"])["sid"]
    assert claims(refreshed["access"])["iat_us"] >= claims(first["access"])["iat_us"]
    assert claims(sign_in()["access"])["sid"] != claims(first["access"])["sid"]


def test_signout_ends_every_access_token_of_its_session_and_no_other(user, broadcasts):
    earlier = sign_in()
    current = post(GatewayClient(), "refresh", {"refresh": earlier["refresh"]}).json()
    other_device = sign_in()

    assert post(GatewayClient(token=current["access"]), "signout", {"refresh": current["refresh"]}).status_code == 200

    assert me(current["access"]) == (401, "token_revoked")
    assert me(earlier["access"]) == (401, "token_revoked")
    assert me(other_device["access"])[0] == 200
    session = claims(current["access"])
    assert broadcasts() == [Revocation(user_id=user.pk, jti=session["jti"], sid=session["sid"])]


def test_changing_the_password_refuses_other_sessions_access_tokens_and_keeps_the_changers(user, broadcasts):
    changer, other = sign_in(), sign_in()

    response = post(
        GatewayClient(token=changer["access"]),
        "change-password",
        {"current_password": PASSWORD, "new_password": NEW, "refresh": changer["refresh"]},
    )

    assert response.status_code == 200
    assert me(other["access"]) == (401, "token_revoked")
    assert me(changer["access"])[0] == 200
    assert me(sign_in(NEW)["access"])[0] == 200
    (epoch,) = broadcasts()
    assert epoch.keep == claims(changer["access"])["sid"]
    assert epoch.before > claims(other["access"])["iat_us"]
    assert get_redis().get(epoch_key(user.pk)) == f"{epoch.before}:{epoch.keep}".encode()


def test_resetting_the_password_refuses_every_earlier_access_token(user, broadcasts):
    earlier = sign_in()
    assert post(GatewayClient(), "forgot-password", {"email": user.email}).status_code == 200
    token = event_data("auth.password_reset.requested")["token"]

    reset = post(GatewayClient(), "reset-password", {"token": token, "password": NEW, "password_confirm": NEW})

    assert reset.status_code == 200

    assert me(earlier["access"]) == (401, "token_revoked")
    assert me(sign_in(NEW)["access"])[0] == 200
    (epoch,) = broadcasts()
    assert epoch.keep == ""


@pytest.fixture
def staff_client(client):
    admin = User.objects.create_superuser("root", "root@example.com", PASSWORD)
    client.force_login(admin)
    return client


def test_staff_unticking_active_in_the_admin_ends_every_session(staff_client, user, broadcasts):
    session = sign_in()
    form = {  # the change form as the admin sends it, "active" unticked (an unticked box is not sent)
        "username": user.username,
        "email": user.email,
        "country": user.country,
        "email_verified": "on",
        "devices-TOTAL_FORMS": "0",
        "devices-INITIAL_FORMS": "0",
    }

    response = staff_client.post(f"/admin/accounts/user/{user.pk}/change/", form)

    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert me(session["access"])[0] == 401
    assert post(GatewayClient(), "refresh", {"refresh": session["refresh"]}).status_code == 401
    assert [r.before > 0 for r in broadcasts()] == [True]


def test_the_admin_bulk_action_deactivates_through_the_same_use_case(staff_client, user, broadcasts):
    session = sign_in()

    response = staff_client.post(
        "/admin/accounts/user/", {"action": "deactivate_accounts", "_selected_action": [user.pk]}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert me(session["access"])[0] == 401
    assert [r.before > 0 for r in broadcasts()] == [True]


def test_staff_setting_a_new_password_in_the_admin_ends_every_session(staff_client, user, broadcasts):
    session = sign_in()

    response = staff_client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": NEW, "password2": NEW, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert me(session["access"]) == (401, "token_revoked")
    assert post(GatewayClient(), "refresh", {"refresh": session["refresh"]}).status_code == 401
    assert [r.before > 0 for r in broadcasts()] == [True]


def test_staff_deleting_the_account_ends_every_session_first(staff_client, user, broadcasts):
    session = sign_in()

    response = staff_client.post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert me(session["access"])[0] == 401
    assert [r.before > 0 for r in broadcasts()] == [True]


def test_inside_a_transaction_the_epoch_is_written_again_when_it_commits(
    user, broadcasts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.deactivate_account(user_id=user.pk)

    assert len(callbacks) == 1
    first, second = broadcasts()
    assert second.before > first.before
