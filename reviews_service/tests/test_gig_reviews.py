"""``GET /api/v1/gigs/{id}/reviews``: anyone reads the buyers' reviews of a gig, with their summary."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews_service.tests.factories import CompletedOrderFactory, ReviewFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/gigs/7/reviews"
EMPTY_SUMMARY = {"rating_average": None, "ratings_count": 0, "rating_breakdown": {str(n): 0 for n in range(1, 6)}}


def review_of_gig(gig_id: int = 7, *, minutes_ago: int = 0, **fields):
    order = CompletedOrderFactory(gig_id=gig_id, gig_title=f"Gig {gig_id}")
    return ReviewFactory(order=order, created_at=timezone.now() - timedelta(minutes=minutes_ago), **fields)


def test_the_buyers_reviews_come_newest_first(api_client):
    old = review_of_gig(minutes_ago=10, rating=3, comment="Fine")
    new = review_of_gig(minutes_ago=1, rating=5, comment="Superb")

    response = api_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (2, None, None)
    assert [r["id"] for r in body["results"]] == [new.pk, old.pk]
    assert body["results"][0] == {
        "id": new.pk,
        "gig_id": 7,
        "gig_title": "Gig 7",
        "reviewer_username": "alice",
        "rating": 5,
        "comment": "Superb",
        "comment_hidden": False,
        "created_at": body["results"][0]["created_at"],
        "reply": "",
        "replied_at": None,
    }


def test_the_summary_covers_every_review_of_the_gig(api_client):
    for rating in (5, 5, 4, 1):
        review_of_gig(rating=rating)

    body = api_client.get(URL, {"page_size": 1}).json()

    assert len(body["results"]) == 1
    assert body["summary"] == {
        "rating_average": "3.75",
        "ratings_count": 4,
        "rating_breakdown": {"1": 1, "2": 0, "3": 0, "4": 1, "5": 2},
    }


def test_sellers_reviews_of_buyers_and_other_gigs_are_left_out(api_client):
    mine = review_of_gig(rating=4)
    ReviewFactory(order=mine.order, side="seller", rating=1)
    review_of_gig(gig_id=8)

    body = api_client.get(URL).json()

    assert [r["id"] for r in body["results"]] == [mine.pk]
    assert body["summary"]["ratings_count"] == 1


def test_a_gig_without_reviews_has_an_empty_page_and_summary(api_client):
    response = api_client.get("/api/v1/gigs/999/reviews")

    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": [], "summary": EMPTY_SUMMARY}


def test_reviews_are_paged(api_client):
    reviews = [review_of_gig(minutes_ago=n) for n in range(3)]

    first = api_client.get(URL, {"page_size": 2}).json()
    second = api_client.get(URL, {"page_size": 2, "page": 2}).json()

    assert [r["id"] for r in first["results"]] == [reviews[0].pk, reviews[1].pk]
    assert first["next"].endswith("/api/v1/gigs/7/reviews?page=2&page_size=2")
    assert [r["id"] for r in second["results"]] == [reviews[2].pk]
    assert second["summary"]["ratings_count"] == 3


def test_a_page_past_the_end_is_not_found(api_client):
    review_of_gig()

    response = api_client.get(URL, {"page": 2})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_hidden_comment_is_blanked_but_its_rating_counts(api_client):
    review_of_gig(rating=1, comment="Abusive words", comment_hidden=True)

    body = api_client.get(URL).json()

    assert (body["results"][0]["comment"], body["results"][0]["comment_hidden"]) == ("", True)
    assert body["summary"]["rating_average"] == "1.00"


def test_a_gig_id_that_is_not_a_number_is_not_found(api_client):
    response = api_client.get("/api/v1/gigs/logo/reviews")

    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["alice", "bob", "mallory"])
def test_signed_in_users_read_the_same_list(api_client_as, api_client, persona):
    review_of_gig()

    assert api_client_as(persona).get(URL).json() == api_client.get(URL).json()


def test_an_expired_token_is_ignored_on_a_public_list(api_client, token_for):
    from common.testing.client import GatewayClient

    review_of_gig()

    response = GatewayClient(token=token_for("alice", lifetime=-10)).get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client):
    response = unsigned_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
