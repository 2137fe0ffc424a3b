"""The admin lists, filters and searches gigs; seller replicas are view-only."""

import pytest

from gigs_service.tests.factories import GigFactory, SellerFactory

pytestmark = pytest.mark.django_db

GIGS = "/admin/gigs/gig/"
SELLERS = "/admin/gigs/seller/"


def listed_titles(response) -> list[str]:
    return sorted(gig.title for gig in response.context["cl"].result_list)


def test_the_admin_lists_gigs(admin_client, bob):
    GigFactory(seller=bob, title="Logo design")

    response = admin_client.get(GIGS)

    assert response.status_code == 200
    assert b"Logo design" in response.content


def test_the_admin_filters_gigs_by_category_and_by_active(admin_client, bob):
    GigFactory(seller=bob, title="Data gig", category="Data")
    GigFactory(seller=bob, title="Paused data gig", category="Data", active=False)
    GigFactory(seller=bob, title="Business gig", category="Business")

    by_category = admin_client.get(GIGS, {"category__exact": "Data"})
    paused = admin_client.get(GIGS, {"active__exact": "0"})

    assert listed_titles(by_category) == ["Data gig", "Paused data gig"]
    assert listed_titles(paused) == ["Paused data gig"]


def test_the_admin_searches_gigs_by_title_and_by_seller(admin_client, bob, charlie):
    GigFactory(seller=bob, title="Vector logo")
    GigFactory(seller=charlie, title="Podcast editing")

    assert listed_titles(admin_client.get(GIGS, {"q": "vector"})) == ["Vector logo"]
    assert listed_titles(admin_client.get(GIGS, {"q": "charlie"})) == ["Podcast editing"]


def test_the_admin_cannot_add_a_gig_that_nobody_would_hear_of(admin_client):
    assert admin_client.get(f"{GIGS}add/").status_code == 403


def test_the_admin_views_seller_replicas_but_cannot_change_them(admin_client):
    seller = SellerFactory(username="dora")

    listing = admin_client.get(SELLERS, {"q": "dora"})
    admin_client.post(f"{SELLERS}{seller.pk}/change/", {"username": "mallory"})

    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 1
    seller.refresh_from_db()
    assert seller.username == "dora"
    assert admin_client.get(f"{SELLERS}add/").status_code == 403
