"""``GET /api/v1/buyers/{username}/reviews``: signed-in users read what sellers said of a buyer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews_service.tests.factories import CompletedOrderFactory, ReviewFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/buyers/alice/reviews"


def review_of_alice(*, seller: tuple[int, str] = (1002, "bob"), minutes_ago: int = 0, **fields):
    order = CompletedOrderFactory(seller_id=seller[0], seller_username=seller[1])
    created_at = timezone.now() - timedelta(minutes=minutes_ago)
    return ReviewFactory(order=order, side="seller", created_at=created_at, **fields)


def test_the_reviews_sellers_wrote_of_alice_come_newest_first_with_their_summary(api_client_as):
    old = review_of_alice(minutes_ago=30, rating=5, comment="Clear brief")
    new = review_of_alice(seller=(1003, "charlie"), minutes_ago=5, rating=4, comment="Slow to answer")

    response = api_client_as("mallory").get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [(r["id"], r["reviewer_username"], r["rating"], r["comment"]) for r in body["results"]] == [
        (new.pk, "charlie", 4, "Slow to answer"),
        (old.pk, "bob", 5, "Clear brief"),
    ]
    assert body["summary"] == {
        "rating_average": "4.50",
        "ratings_count": 2,
        "rating_breakdown": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1},
    }


def test_alices_reviews_of_her_sellers_are_not_about_her(api_client_as):
    received = review_of_alice(rating=2)
    ReviewFactory(order=received.order, side="buyer", rating=5)

    body = api_client_as("bob").get(URL).json()

    assert [r["id"] for r in body["results"]] == [received.pk]
    assert body["summary"]["rating_average"] == "2.00"


def test_a_sellers_reviews_as_a_seller_are_left_out_of_his_buyer_list(api_client_as):
    ReviewFactory()  # alice's review of bob

    body = api_client_as("alice").get("/api/v1/buyers/bob/reviews").json()

    assert (body["count"], body["summary"]["ratings_count"]) == (0, 0)


def test_a_hidden_comment_is_left_out_but_its_rating_counts(api_client_as):
    review_of_alice(rating=1, comment="Rude", comment_hidden=True)

    body = api_client_as("bob").get(URL).json()

    assert [(r["comment"], r["comment_hidden"]) for r in body["results"]] == [("", True)]
    assert body["summary"]["ratings_count"] == 1


def test_the_username_may_be_written_in_any_case(api_client_as):
    review = review_of_alice()

    body = api_client_as("bob").get("/api/v1/buyers/ALICE/reviews").json()

    assert [r["id"] for r in body["results"]] == [review.pk]


def test_the_list_is_paged(api_client_as):
    for minutes_ago in range(3):
        review_of_alice(minutes_ago=minutes_ago)

    body = api_client_as("bob").get(URL, {"page_size": 2}).json()

    assert (body["count"], len(body["results"]), body["next"] is not None) == (3, 2, True)


def test_an_anonymous_request_is_refused(api_client):
    review_of_alice()

    response = api_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client):
    response = unsigned_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
