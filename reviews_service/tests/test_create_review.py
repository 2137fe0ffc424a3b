"""``POST /api/v1/reviews``: each party of a completed order reviews the other, once."""

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from common.events.catalog.reviews import ReviewCreated
from common.events.outbox.models import OutboxMessage
from reviews_service.reviews.models import Review
from reviews_service.tests.conftest import ORDER_ID, order_completed
from reviews_service.tests.factories import CompletedOrderFactory, ReviewFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/reviews"


def review_input(**overrides: Any) -> dict[str, Any]:
    """A valid body for the completed order; ``overrides`` replace fields (``None`` drops one)."""
    body: dict[str, Any] = {"order_id": str(ORDER_ID), "rating": 5, "comment": "Fast and friendly."}
    body.update(overrides)
    return {name: value for name, value in body.items() if value is not None}


def post(client, body) -> Any:
    return client.post(URL, json.dumps(body), content_type="application/json")


def assert_nothing_written() -> None:
    assert (Review.objects.count(), OutboxMessage.objects.count()) == (0, 0)


def test_the_buyer_reviews_the_seller(api_client_as, completed_order):
    response = post(api_client_as("alice"), review_input())

    assert response.status_code == 201
    body = response.json()
    review = Review.objects.get()
    assert body == {
        "id": review.pk,
        "order_id": str(ORDER_ID),
        "side": "buyer",
        "gig_id": 7,
        "gig_title": "A logo in a day",
        "reviewer_username": "alice",
        "reviewee_username": "bob",
        "rating": 5,
        "comment": "Fast and friendly.",
        "created_at": body["created_at"],
        "reply": "",
        "replied_at": None,
    }
    assert (review.reviewer_id, review.reviewee_id, review.comment_hidden) == (1001, 1002, False)


def test_the_buyers_review_is_announced_for_the_sellers_and_the_gigs_rating(api_client_as, completed_order, events):
    post(api_client_as("alice"), review_input(rating=4))

    [created] = events.published(ReviewCreated)
    review = Review.objects.get()
    assert created == ReviewCreated(
        review_id=review.pk,
        order_id=ORDER_ID,
        gig_id=7,
        side="buyer",
        reviewer_id=1001,
        reviewer_username="alice",
        reviewee_id=1002,
        reviewee_username="bob",
        rating=4,
        comment="Fast and friendly.",
        created_at=review.created_at,
    )
    assert OutboxMessage.objects.count() == 1


def test_the_seller_reviews_the_buyer(api_client_as, completed_order, events):
    response = post(api_client_as("bob"), review_input(rating=3, comment="Vague brief."))

    assert response.status_code == 201
    body = response.json()
    assert (body["side"], body["reviewer_username"], body["reviewee_username"]) == ("seller", "bob", "alice")
    [created] = events.published(ReviewCreated)
    assert (created.side, created.reviewer_id, created.reviewee_id, created.rating) == ("seller", 1002, 1001, 3)


def test_both_parties_review_the_same_order(api_client_as, completed_order):
    buyer = post(api_client_as("alice"), review_input())
    seller = post(api_client_as("bob"), review_input())

    assert (buyer.status_code, seller.status_code) == (201, 201)
    assert sorted(Review.objects.values_list("side", flat=True)) == ["buyer", "seller"]
    assert OutboxMessage.objects.count() == 2


def test_the_comment_may_be_left_out_or_empty(api_client_as, completed_order):
    without = post(api_client_as("alice"), review_input(comment=None))
    empty = post(api_client_as("bob"), review_input(comment="   "))

    assert (without.status_code, empty.status_code) == (201, 201)
    assert list(Review.objects.values_list("comment", flat=True)) == ["", ""]


def test_the_comment_is_trimmed(api_client_as, completed_order):
    post(api_client_as("alice"), review_input(comment="  Lovely logo.\n"))

    assert Review.objects.get().comment == "Lovely logo."


def test_a_second_review_by_the_same_side_is_a_conflict(api_client_as, completed_order):
    client = api_client_as("alice")
    post(client, review_input(rating=5))

    response = post(client, review_input(rating=1, comment="Changed my mind"))

    assert response.status_code == 409
    assert response.json()["code"] == "already_reviewed"
    assert list(Review.objects.values_list("rating", "comment")) == [(5, "Fast and friendly.")]
    assert OutboxMessage.objects.count() == 1


def test_a_review_written_earlier_also_blocks_a_second_one(api_client_as, completed_order):
    ReviewFactory(order=completed_order, side="seller")

    response = post(api_client_as("bob"), review_input())

    assert response.status_code == 409
    assert response.json()["code"] == "already_reviewed"
    assert (Review.objects.count(), OutboxMessage.objects.count()) == (1, 0)


# Authorization: the buyer and the seller of the order may review it (above); nobody else.


@pytest.mark.parametrize("stranger", ["charlie", "mallory", "admin"])
def test_someone_who_is_no_party_of_the_order_gets_not_found(api_client_as, completed_order, stranger):
    response = post(api_client_as(stranger), review_input())

    assert response.status_code == 404
    assert response.json()["code"] == "order_not_found"
    assert_nothing_written()


def test_a_stranger_cannot_tell_an_existing_order_from_an_unknown_one(api_client_as, completed_order):
    existing = post(api_client_as("mallory"), review_input())
    unknown = post(api_client_as("mallory"), review_input(order_id=str(uuid.uuid4())))

    assert (existing.status_code, existing.json()) == (unknown.status_code, unknown.json())
    assert existing["Retry-After"] == unknown["Retry-After"]


def test_an_order_whose_completion_has_not_arrived_is_not_found_and_may_be_retried(api_client_as):
    response = post(api_client_as("alice"), review_input())

    assert response.status_code == 404
    assert response.json()["code"] == "order_not_found"
    assert response["Retry-After"] == "1"
    assert_nothing_written()


def test_once_the_completion_arrives_the_retry_succeeds(api_client_as, events):
    client = api_client_as("alice")
    assert post(client, review_input()).status_code == 404

    events.deliver(order_completed())

    assert post(client, review_input()).status_code == 201


def test_another_order_of_the_same_people_is_reviewed_separately(api_client_as, completed_order):
    other = CompletedOrderFactory()
    post(api_client_as("alice"), review_input())

    response = post(api_client_as("alice"), review_input(order_id=str(other.order_id)))

    assert response.status_code == 201
    assert Review.objects.filter(side="buyer").count() == 2


def test_an_anonymous_request_is_refused(api_client, completed_order):
    response = post(api_client, review_input())

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert_nothing_written()


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, completed_order):
    response = post(unsigned_client, review_input())

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert_nothing_written()


BAD_INPUT = [
    ("order_id", review_input(order_id=None)),
    ("order_id", review_input(order_id="42")),
    ("order_id", review_input(order_id="")),
    ("rating", review_input(rating=None)),
    ("rating", review_input(rating=0)),
    ("rating", review_input(rating=6)),
    ("rating", review_input(rating=4.5)),
    ("rating", review_input(rating="five")),
    ("rating", review_input(rating=True)),
    ("comment", review_input(comment="x" * 2001)),
    ("comment", review_input(comment=None) | {"comment": None}),
    ("comment", review_input(comment="bad \x00 byte")),
    ("side", review_input(side="seller")),
    ("reviewee_id", review_input(reviewee_id=1003)),
]


@pytest.mark.parametrize(("field", "body"), BAD_INPUT)
def test_bad_input_names_the_field_and_writes_nothing(api_client_as, completed_order, field, body):
    response = post(api_client_as("alice"), body)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [field]
    assert_nothing_written()


def test_the_longest_comment_is_accepted(api_client_as, completed_order):
    response = post(api_client_as("alice"), review_input(comment="x" * 2000))

    assert response.status_code == 201


def test_a_body_that_is_not_json_is_refused(api_client_as, completed_order):
    response = api_client_as("alice").post(URL, "rating=5", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "malformed_request"
    assert_nothing_written()


def test_the_database_itself_keeps_one_review_per_side_per_order(completed_order):
    ReviewFactory(order=completed_order, side="buyer")

    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(order=completed_order, side="buyer", rating=1)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reviews_by_the_same_side_make_one(api_client_as):
    CompletedOrderFactory(order_id=ORDER_ID)
    clients = [api_client_as("alice") for _ in range(6)]
    start = Barrier(len(clients))

    def review(client) -> int:
        try:
            start.wait()
            return post(client, review_input()).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        statuses = sorted(pool.map(review, clients))

    assert statuses == [201, 409, 409, 409, 409, 409]
    assert (Review.objects.count(), OutboxMessage.objects.count()) == (1, 1)
