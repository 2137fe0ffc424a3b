"""``POST /auth/change-email``: the password, then a link to the new address; the account keeps its own until then."""

from datetime import timedelta

from django.utils import timezone

from auth_service.accounts.models import EmailToken
from auth_service.tests.conftest import event_data, post, published
from auth_service.tests.factories import PASSWORD, UserFactory

NEW = "dana.new@example.com"


def test_asking_mails_a_link_to_the_new_address_and_changes_nothing_yet(client_of, user, settings):
    response = post(client_of(user), "change-email", {"current_password": PASSWORD, "new_email": NEW})

    assert response.status_code == 200
    assert response.json() == {"detail": f"We sent a link to {NEW}. Your address changes when you open it."}
    user.refresh_from_db()
    assert (user.email, user.email_verified) == ("dana@example.com", False)
    assert published() == ["auth.email_change.requested"]
    data = event_data("auth.email_change.requested")
    assert {key: data[key] for key in ("user_id", "username", "email", "current_email")} == {
        "user_id": user.pk,
        "username": "Dana",
        "email": NEW,
        "current_email": "dana@example.com",
    }
    row = EmailToken.objects.get()
    assert (row.purpose, row.new_email, row.used_at) == ("change_email", NEW, None)
    ttl = timedelta(hours=settings.EMAIL_VERIFICATION_TTL_HOURS)
    assert ttl - timedelta(minutes=1) < row.expires_at - timezone.now() <= ttl


def test_the_new_address_is_kept_with_its_domain_in_lower_case(client_of, user):
    post(client_of(user), "change-email", {"current_password": PASSWORD, "new_email": "Dana.New@Example.COM"})

    assert EmailToken.objects.get().new_email == "Dana.New@example.com"


def test_a_newer_request_supersedes_the_older_link(client_of, user):
    post(client_of(user), "change-email", {"current_password": PASSWORD, "new_email": NEW})
    post(client_of(user), "change-email", {"current_password": PASSWORD, "new_email": "dana.other@example.com"})

    assert list(EmailToken.objects.filter(used_at__isnull=True).values_list("new_email", flat=True)) == [
        "dana.other@example.com"
    ]


def test_a_wrong_password_is_a_field_error_and_sends_nothing(client_of, user):
    response = post(client_of(user), "change-email", {"current_password": "not-it-at-all", "new_email": NEW})

    assert response.status_code == 400
    assert response.json()["code"] == "wrong_password"
    assert list(response.json()["fields"]) == ["current_password"]
    assert EmailToken.objects.count() == 0
    assert published() == []


def test_wrong_passwords_are_limited_like_signing_in(client_of, user):
    for _ in range(5):
        post(client_of(user), "change-email", {"current_password": "guess-guess-1", "new_email": NEW})

    response = post(client_of(user), "change-email", {"current_password": PASSWORD, "new_email": NEW})

    assert response.status_code == 429
    assert published() == []


def test_an_address_of_another_account_is_refused_in_any_case(client_of, user):
    UserFactory(username="erin", email="erin@example.com")

    response = post(client_of(user), "change-email", {"current_password": PASSWORD, "new_email": "ERIN@example.com"})

    assert response.status_code == 400
    assert response.json()["code"] == "email_taken"
    assert response.json()["fields"] == {"new_email": ["An account with this email already exists."]}
    assert EmailToken.objects.count() == 0
    assert published() == []


def test_the_current_address_is_refused(client_of, user):
    response = post(client_of(user), "change-email", {"current_password": PASSWORD, "new_email": "DANA@example.com"})

    assert response.status_code == 400
    assert response.json()["code"] == "same_email"
    assert response.json()["fields"] == {"new_email": ["This is already your email address."]}
    assert published() == []


def test_bad_input_names_the_field_and_sends_nothing(client_of, user):
    for body, field in [
        ({"new_email": NEW}, "current_password"),
        ({"current_password": PASSWORD}, "new_email"),
        ({"current_password": PASSWORD, "new_email": "not-an-address"}, "new_email"),
        ({"current_password": PASSWORD, "new_email": "a" * 250 + "@example.com"}, "new_email"),
        ({"current_password": PASSWORD, "new_email": NEW, "confirm": NEW}, "confirm"),
    ]:
        response = post(client_of(user), "change-email", body)
        assert response.status_code == 400
        assert field in response.json()["fields"]
    assert EmailToken.objects.count() == 0
    assert published() == []
