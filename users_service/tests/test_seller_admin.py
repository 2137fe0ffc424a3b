"""The admin lists, searches and filters seller profiles; the stats are read-only."""

import pytest

from common.events.catalog.users import SellerUpdated
from users_service.profiles.models import SellerProfile
from users_service.tests.factories import BuyerProfileFactory, SellerProfileFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/profiles/sellerprofile/"


def test_the_admin_lists_seller_profiles(admin_client, bob_seller):
    listing = admin_client.get(LIST)

    assert listing.status_code == 200
    assert b"Bob Mensah" in listing.content


def test_the_admin_searches_by_username(admin_client, bob_seller):
    SellerProfileFactory(buyer=BuyerProfileFactory(username="other", email_verified=True))

    listing = admin_client.get(LIST, {"q": "BOB"})

    assert [seller.buyer.username for seller in listing.context["cl"].result_list] == ["bob"]


def test_the_admin_filters_by_country(admin_client, bob_seller):
    SellerProfileFactory(buyer=BuyerProfileFactory(country="Peru", email_verified=True))

    listing = admin_client.get(LIST, {"buyer__country": "Ghana"})

    assert [seller.buyer.username for seller in listing.context["cl"].result_list] == ["bob"]


def edit(admin_client, seller, **fields) -> object:
    texts = {"full_name": "Bob Mensah", "one_liner": "Logos in a day", "description": "d", "response_time_hours": "6"}
    return admin_client.post(f"{LIST}{seller.pk}/change/", {**texts, **fields})


def test_staff_moderate_the_texts_and_the_stats_and_lists_are_read_only(admin_client, bob_seller):
    page = admin_client.get(f"{LIST}{bob_seller.pk}/change/")

    response = edit(admin_client, bob_seller, completed_jobs="99", total_earnings="1000000.00", skills='["x"]')

    assert page.status_code == 200
    assert b'name="completed_jobs"' not in page.content and b'name="skills"' not in page.content
    assert response.status_code == 302
    bob_seller.refresh_from_db()
    assert (bob_seller.response_time_hours, bob_seller.completed_jobs, bob_seller.total_earnings) == (6, 0, 0)
    assert bob_seller.skills == ["django", "postgresql"]


def test_a_moderated_name_is_announced_to_the_other_services(admin_client, bob_seller, events):
    edit(admin_client, bob_seller, full_name="Bob M.")

    assert [event.full_name for event in events.published(SellerUpdated)] == ["Bob M."]


def test_a_moderated_description_publishes_nothing(admin_client, bob_seller, events):
    edit(admin_client, bob_seller, description="Cleaned up")

    assert events.published() == []


def test_the_admin_cannot_add_a_seller_profile(admin_client):
    response = admin_client.get(f"{LIST}add/")

    assert response.status_code == 403
    assert SellerProfile.objects.count() == 0
