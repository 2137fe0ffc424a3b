"""``auth.user.deleted``: the account's reviews stay, written or received, under "Deleted user"; ratings unchanged."""

import uuid
from datetime import UTC, datetime

import pytest

from common.events.catalog.auth import UserDeleted
from reviews_service.reviews.models import CompletedOrder, Review, Side
from reviews_service.tests.factories import CompletedOrderFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def deletion_of_alice() -> UserDeleted:
    deleted_at = datetime(2030, 3, 14, 15, 9, tzinfo=UTC)
    return UserDeleted(user_id=1001, username="alice", email="alice@example.com", deleted_at=deleted_at)


def test_the_reviews_stay_without_the_name(events):
    order = CompletedOrderFactory()
    ReviewFactory(order=order, side=Side.BUYER, rating=4)
    ReviewFactory(order=order, side=Side.SELLER, rating=5)

    assert events.deliver(deletion_of_alice()) == [True]

    assert sorted(Review.objects.values_list("side", "reviewer_username", "reviewee_username", "rating")) == [
        ("buyer", "Deleted user", "bob", 4),
        ("seller", "bob", "Deleted user", 5),
    ]
    assert list(CompletedOrder.objects.values_list("buyer_username", "seller_username")) == [("Deleted user", "bob")]


def test_the_gig_page_shows_the_review_by_deleted_user(api_client, events):
    ReviewFactory(comment="Fast and friendly.")

    events.deliver(deletion_of_alice())

    response = api_client.get("/api/v1/gigs/7/reviews")
    assert [(item["reviewer_username"], item["comment"]) for item in response.json()["results"]] == [
        ("Deleted user", "Fast and friendly.")
    ]


def test_other_accounts_keep_their_names(events):
    ReviewFactory(order=CompletedOrderFactory(buyer_id=1003, buyer_username="charlie"))

    events.deliver(deletion_of_alice())

    assert list(Review.objects.values_list("reviewer_username", "reviewee_username")) == [("charlie", "bob")]


def test_the_deletion_delivered_twice_is_applied_once(events):
    event_id = uuid.uuid4()

    assert events.deliver(deletion_of_alice(), event_id=event_id) == [True]
    assert events.deliver(deletion_of_alice(), event_id=event_id) == [False]
