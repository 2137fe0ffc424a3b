"""The admin lists, searches and filters buyer profiles, and cannot edit what the events own."""

import pytest

from users_service.profiles.models import BuyerProfile
from users_service.tests.factories import BuyerProfileFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/profiles/buyerprofile/"


def test_the_admin_lists_buyer_profiles(admin_client, alice_profile):
    listing = admin_client.get(LIST)

    assert listing.status_code == 200
    assert b"alice@example.com" in listing.content


def test_the_admin_searches_by_username_and_by_email(admin_client):
    BuyerProfileFactory(username="findme", email="hidden@example.org")
    BuyerProfileFactory(username="other")

    by_username = admin_client.get(LIST, {"q": "findme"})
    by_email = admin_client.get(LIST, {"q": "hidden@example.org"})

    assert by_username.context["cl"].result_count == 1
    assert by_email.context["cl"].result_count == 1


def test_the_admin_filters_by_verified_email(admin_client):
    BuyerProfileFactory(username="verified", email_verified=True)
    BuyerProfileFactory(username="unverified")

    listing = admin_client.get(LIST, {"email_verified__exact": "1"})

    assert [profile.username for profile in listing.context["cl"].result_list] == ["verified"]


def test_the_fields_that_come_from_events_are_read_only(admin_client, alice_profile):
    url = f"{LIST}{alice_profile.pk}/change/"
    page = admin_client.get(url)

    admin_client.post(url, {"username": "mallory", "email": "m@example.com", "email_verified": "on"})

    assert page.status_code == 200
    assert b'name="username"' not in page.content
    alice_profile.refresh_from_db()
    assert (alice_profile.username, alice_profile.email, alice_profile.email_verified) == (
        "alice",
        "alice@example.com",
        False,
    )


def test_the_admin_cannot_add_a_profile_without_an_account(admin_client):
    response = admin_client.get(f"{LIST}add/")

    assert response.status_code == 403
    assert BuyerProfile.objects.count() == 0
