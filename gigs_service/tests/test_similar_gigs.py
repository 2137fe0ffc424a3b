"""``GET /api/v1/gigs/{id}/similar``: other active gigs of the category, most shared tags first."""

import pytest

from gigs_service.tests.factories import GigFactory

pytestmark = pytest.mark.django_db


def similar_ids(client, gig):
    response = client.get(f"/api/v1/gigs/{gig.pk}/similar")
    assert response.status_code == 200
    return [result["id"] for result in response.json()["results"]]


def test_gigs_sharing_more_tags_come_first_then_the_better_rated(api_client, bob, charlie):
    gig = GigFactory(seller=bob, tags=["logo", "branding", "vector"])
    two_shared = GigFactory(seller=charlie, tags=["logo", "vector"])
    one_shared_well_rated = GigFactory(seller=charlie, tags=["logo"], rating_average="4.90")
    one_shared = GigFactory(seller=charlie, tags=["branding"], rating_average="3.00")
    none_shared = GigFactory(seller=charlie, tags=["poster"], rating_average="5.00")

    assert similar_ids(api_client, gig) == [two_shared.pk, one_shared_well_rated.pk, one_shared.pk, none_shared.pk]


def test_other_categories_paused_gigs_and_the_gig_itself_are_left_out(api_client, bob, charlie):
    gig = GigFactory(seller=bob)
    GigFactory(seller=charlie, category="Data")
    GigFactory(seller=charlie, active=False)
    kept = GigFactory(seller=charlie)

    assert similar_ids(api_client, gig) == [kept.pk]


def test_at_most_ten_similar_gigs(api_client, bob, charlie):
    gig = GigFactory(seller=bob)
    GigFactory.create_batch(12, seller=charlie)

    response = api_client.get(f"/api/v1/gigs/{gig.pk}/similar?page_size=50")

    assert (response.json()["count"], len(response.json()["results"]), response.json()["next"]) == (10, 10, None)


def test_a_paused_gig_has_similar_gigs_only_for_its_seller(api_client_as, bob, charlie):
    gig = GigFactory(seller=bob, active=False)
    other = GigFactory(seller=charlie)

    assert similar_ids(api_client_as("bob"), gig) == [other.pk]
    assert api_client_as("charlie").get(f"/api/v1/gigs/{gig.pk}/similar").status_code == 404


def test_an_unknown_gig_is_a_404(api_client):
    response = api_client.get("/api/v1/gigs/999999/similar")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, bob):
    gig = GigFactory(seller=bob)

    assert unsigned_client.get(f"/api/v1/gigs/{gig.pk}/similar").status_code == 401
