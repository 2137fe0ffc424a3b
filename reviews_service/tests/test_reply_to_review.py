"""``POST /api/v1/reviews/{id}/reply``: the reviewed seller answers a buyer's review, once."""

import json
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from typing import Any

import pytest
from django.db import connection

from common.events.catalog.reviews import ReviewReplied
from common.events.outbox.models import OutboxMessage
from reviews_service.reviews.models import REPLY_MAX_LENGTH, Review
from reviews_service.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def url(review: Review) -> str:
    return f"/api/v1/reviews/{review.pk}/reply"


def post(client, review: Review, body: Any) -> Any:
    return client.post(url(review), json.dumps(body), content_type="application/json")


def assert_no_reply_written(review: Review) -> None:
    review.refresh_from_db()
    assert (review.reply, review.replied_at, OutboxMessage.objects.count()) == ("", None, 0)


@pytest.fixture
def alices_review(db: None) -> Review:
    """Alice's review of bob's gig 7."""
    return ReviewFactory(rating=3, comment="Good, a day late")


def test_the_reviewed_seller_replies(api_client_as, alices_review):
    response = post(api_client_as("bob"), alices_review, {"reply": "Sorry for the delay, thank you!"})

    assert response.status_code == 201
    body = response.json()
    alices_review.refresh_from_db()
    assert alices_review.reply == "Sorry for the delay, thank you!"
    assert alices_review.replied_at is not None
    assert (body["id"], body["comment"], body["reply"]) == (
        alices_review.pk,
        "Good, a day late",
        "Sorry for the delay, thank you!",
    )
    assert body["replied_at"] is not None


def test_the_reply_shows_with_the_review_in_the_public_lists(api_client_as, api_client, alices_review):
    post(api_client_as("bob"), alices_review, {"reply": "Thanks!"})

    for path in ("/api/v1/gigs/7/reviews", "/api/v1/sellers/bob/reviews"):
        [shown] = api_client.get(path).json()["results"]
        assert (shown["reply"], shown["replied_at"] is not None) == ("Thanks!", True)


def test_a_review_without_a_reply_shows_an_empty_one(api_client, alices_review):
    [shown] = api_client.get("/api/v1/gigs/7/reviews").json()["results"]

    assert (shown["reply"], shown["replied_at"]) == ("", None)


def test_the_reply_is_announced_to_tell_the_buyer(api_client_as, alices_review, events):
    post(api_client_as("bob"), alices_review, {"reply": "Thanks!"})

    [replied] = events.published(ReviewReplied)
    alices_review.refresh_from_db()
    assert replied == ReviewReplied(
        review_id=alices_review.pk,
        order_id=alices_review.order_id,
        gig_id=7,
        reviewer_id=1001,
        reviewer_username="alice",
        seller_id=1002,
        seller_username="bob",
        reply="Thanks!",
        replied_at=alices_review.replied_at,
    )
    assert OutboxMessage.objects.count() == 1


def test_a_second_reply_is_a_conflict_and_keeps_the_first(api_client_as, alices_review):
    post(api_client_as("bob"), alices_review, {"reply": "Thanks!"})

    response = post(api_client_as("bob"), alices_review, {"reply": "Second thoughts"})

    assert response.status_code == 409
    assert response.json()["code"] == "already_replied"
    alices_review.refresh_from_db()
    assert alices_review.reply == "Thanks!"
    assert OutboxMessage.objects.count() == 1


@pytest.mark.parametrize("who", ["alice", "charlie", "mallory"])
def test_only_the_reviewed_seller_may_reply(api_client_as, alices_review, who):
    response = post(api_client_as(who), alices_review, {"reply": "Not mine to say"})

    assert response.status_code == 403
    assert response.json()["code"] == "only_reviewed_seller"
    assert_no_reply_written(alices_review)


def test_the_seller_cannot_reply_to_his_own_review_of_the_buyer(api_client_as, alices_review):
    his_review_of_alice = ReviewFactory(order=alices_review.order, side="seller")

    response = post(api_client_as("bob"), his_review_of_alice, {"reply": "Me again"})

    assert response.status_code == 403
    assert response.json()["code"] == "only_reviewed_seller"


def test_the_buyer_reviewed_by_the_seller_cannot_reply_either(api_client_as, alices_review):
    bobs_review_of_alice = ReviewFactory(order=alices_review.order, side="seller")

    response = post(api_client_as("alice"), bobs_review_of_alice, {"reply": "Unfair"})

    assert response.status_code == 403
    assert_no_reply_written(bobs_review_of_alice)


def test_an_unknown_review_is_not_found(api_client_as):
    response = api_client_as("bob").post(
        "/api/v1/reviews/999999/reply", '{"reply": "Hi"}', content_type="application/json"
    )

    assert response.status_code == 404
    assert response.json()["code"] == "review_not_found"


def test_an_anonymous_request_is_refused(api_client, alices_review):
    response = post(api_client, alices_review, {"reply": "Thanks!"})

    assert response.status_code == 401
    assert_no_reply_written(alices_review)


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, alices_review):
    response = post(unsigned_client, alices_review, {"reply": "Thanks!"})

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert_no_reply_written(alices_review)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"reply": ""},
        {"reply": "   "},
        {"reply": 5},
        {"reply": "x" * (REPLY_MAX_LENGTH + 1)},
        {"reply": "Hi", "x": 1},
    ],
    ids=["missing", "empty", "blank", "not text", "too long", "unknown field"],
)
def test_bad_input_is_refused_and_writes_nothing(api_client_as, alices_review, body):
    response = post(api_client_as("bob"), alices_review, body)

    assert response.status_code == 400
    assert_no_reply_written(alices_review)


def test_the_longest_reply_is_accepted(api_client_as, alices_review):
    response = post(api_client_as("bob"), alices_review, {"reply": "x" * REPLY_MAX_LENGTH})

    assert response.status_code == 201


@pytest.mark.django_db(transaction=True)
def test_simultaneous_replies_make_one(api_client_as):
    review = ReviewFactory()
    barrier = Barrier(4)

    def reply(n: int) -> int:
        barrier.wait()
        try:
            return post(api_client_as("bob"), review, {"reply": f"Reply {n}"}).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(4) as pool:
        statuses = sorted(pool.map(reply, range(4)))

    assert statuses == [201, 409, 409, 409]
    assert OutboxMessage.objects.count() == 1
