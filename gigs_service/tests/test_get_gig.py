"""``GET /api/v1/gigs/{id}``: a gig with its seller summary and rating, for anyone."""

import pytest

from gigs_service.tests.factories import GigFactory

pytestmark = pytest.mark.django_db


def test_anyone_sees_an_active_gig_with_its_seller_and_rating(api_client, bob):
    bob.ratings_count, bob.rating_total = 3, 13
    bob.save()
    gig = GigFactory(
        seller=bob, ratings_count=2, rating_total=9, rating_average="4.50", rating_breakdown={"4": 1, "5": 1}
    )

    response = api_client.get(f"/api/v1/gigs/{gig.pk}")

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["title"], body["price"], body["active"]) == (gig.pk, gig.title, "25.00", True)
    assert (body["rating_average"], body["ratings_count"]) == ("4.50", 2)
    assert body["rating_breakdown"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    assert body["seller"] == {
        "id": 1002,
        "username": "bob",
        "full_name": "Bob Builder",
        "one_liner": "Logos",
        "country": "Peru",
        "rating_average": "4.33",
        "ratings_count": 3,
    }


@pytest.mark.parametrize("viewer", ["alice", "charlie"])
def test_a_signed_in_user_sees_an_active_gig(api_client_as, bob, viewer):
    gig = GigFactory(seller=bob)

    assert api_client_as(viewer).get(f"/api/v1/gigs/{gig.pk}").status_code == 200


def test_a_paused_gig_is_visible_to_its_seller(api_client_as, bob):
    gig = GigFactory(seller=bob, active=False)

    response = api_client_as("bob").get(f"/api/v1/gigs/{gig.pk}")

    assert response.status_code == 200
    assert response.json()["active"] is False


@pytest.mark.parametrize("viewer", ["alice", "charlie", None])
def test_a_paused_gig_is_a_404_for_everyone_else(api_client, api_client_as, bob, viewer):
    gig = GigFactory(seller=bob, active=False)
    client = api_client_as(viewer) if viewer else api_client

    response = client.get(f"/api/v1/gigs/{gig.pk}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_unknown_gig_is_a_404(api_client):
    response = api_client.get("/api/v1/gigs/999999")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "No gig has this id."}


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, bob):
    gig = GigFactory(seller=bob)

    response = unsigned_client.get(f"/api/v1/gigs/{gig.pk}")

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
