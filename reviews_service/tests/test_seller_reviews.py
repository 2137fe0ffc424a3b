"""``GET /api/v1/sellers/{username}/reviews``: anyone reads the reviews a seller received, with their summary."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews_service.tests.factories import CompletedOrderFactory, ReviewFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/sellers/bob/reviews"


def review_of_bob(*, gig_id: int = 7, buyer: tuple[int, str] = (1001, "alice"), minutes_ago: int = 0, **fields):
    order = CompletedOrderFactory(gig_id=gig_id, gig_title=f"Gig {gig_id}", buyer_id=buyer[0], buyer_username=buyer[1])
    return ReviewFactory(order=order, created_at=timezone.now() - timedelta(minutes=minutes_ago), **fields)


def test_the_reviews_bob_received_on_all_his_gigs_come_newest_first(api_client):
    old = review_of_bob(gig_id=7, minutes_ago=30, rating=4, comment="Good")
    new = review_of_bob(gig_id=8, buyer=(1004, "mallory"), minutes_ago=5, rating=2, comment="Late")

    response = api_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (2, None, None)
    assert [(r["id"], r["gig_id"], r["gig_title"], r["reviewer_username"]) for r in body["results"]] == [
        (new.pk, 8, "Gig 8", "mallory"),
        (old.pk, 7, "Gig 7", "alice"),
    ]
    assert [(r["rating"], r["comment"]) for r in body["results"]] == [(2, "Late"), (4, "Good")]
    assert body["summary"] == {
        "rating_average": "3.00",
        "ratings_count": 2,
        "rating_breakdown": {"1": 0, "2": 1, "3": 0, "4": 1, "5": 0},
    }


def test_reviews_bob_wrote_of_his_buyers_are_not_his_own_ratings(api_client):
    received = review_of_bob(rating=5)
    ReviewFactory(order=received.order, side="seller", rating=1)

    body = api_client.get(URL).json()

    assert [r["id"] for r in body["results"]] == [received.pk]
    assert body["summary"]["rating_average"] == "5.00"


def test_other_sellers_reviews_are_left_out(api_client):
    review_of_bob()
    charlie = CompletedOrderFactory(seller_id=1003, seller_username="charlie")
    ReviewFactory(order=charlie)

    body = api_client.get(URL).json()

    assert [r["reviewer_username"] for r in body["results"]] == ["alice"]
    assert api_client.get("/api/v1/sellers/charlie/reviews").json()["count"] == 1


def test_a_buyer_who_reviewed_bob_does_not_see_his_review_under_her_name(api_client):
    review_of_bob()

    body = api_client.get("/api/v1/sellers/alice/reviews").json()

    assert (body["count"], body["summary"]["ratings_count"]) == (0, 0)


def test_the_username_may_be_written_in_any_case(api_client):
    review = review_of_bob()

    body = api_client.get("/api/v1/sellers/BoB/reviews").json()

    assert [r["id"] for r in body["results"]] == [review.pk]


def test_a_seller_without_reviews_has_an_empty_page_and_summary(api_client):
    response = api_client.get("/api/v1/sellers/nobody/reviews")

    assert response.status_code == 200
    assert response.json()["results"] == []
    assert response.json()["summary"] == {
        "rating_average": None,
        "ratings_count": 0,
        "rating_breakdown": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0},
    }


def test_reviews_are_paged_and_the_summary_covers_all_of_them(api_client):
    reviews = [review_of_bob(minutes_ago=n, rating=1 + n) for n in range(5)]

    body = api_client.get(URL, {"page_size": 2, "page": 3}).json()

    assert [r["id"] for r in body["results"]] == [reviews[4].pk]
    assert body["previous"].endswith("/api/v1/sellers/bob/reviews?page=2&page_size=2")
    assert body["summary"]["rating_average"] == "3.00"
    assert body["summary"]["rating_breakdown"] == {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1}


def test_the_average_is_rounded_to_two_decimals(api_client):
    for rating in (5, 4, 4):
        review_of_bob(rating=rating)

    assert api_client.get(URL).json()["summary"]["rating_average"] == "4.33"


def test_a_hidden_comment_is_blanked(api_client):
    review_of_bob(comment="Abusive words", comment_hidden=True)

    [result] = api_client.get(URL).json()["results"]

    assert (result["comment"], result["comment_hidden"]) == ("", True)


@pytest.mark.parametrize("persona", ["alice", "bob", "mallory"])
def test_signed_in_users_read_the_same_list(api_client_as, api_client, persona):
    review_of_bob()

    assert api_client_as(persona).get(URL).json() == api_client.get(URL).json()


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client):
    response = unsigned_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
