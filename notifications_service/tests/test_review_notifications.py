"""reviews.review.created: the reviewed party is told, in the app and by an essential email."""

import uuid

import pytest

from notifications_service.notifications.models import Notification, OutgoingEmail, Recipient
from notifications_service.tests.conftest import published_types
from notifications_service.tests.factories import ALICE, BOB, ORDER_ID, review_created

pytestmark = pytest.mark.django_db

PAGE = f"/orders/{ORDER_ID}"


@pytest.fixture(autouse=True)
def directory(settings):
    settings.FRONTEND_URL = "https://front.example"
    for party in (ALICE, BOB):
        Recipient.objects.create(**party)


def test_the_seller_is_told_of_the_buyers_review(events):
    events.deliver(review_created())

    assert list(Notification.objects.values("user_id", "kind", "title", "body", "link")) == [
        {
            "user_id": BOB["user_id"],
            "kind": "review_received",
            "title": "alice reviewed you",
            "body": "alice rated your work 5 stars out of 5. See the review on the order.",
            "link": PAGE,
        }
    ]
    assert list(OutgoingEmail.objects.values("kind", "to_address", "subject", "category")) == [
        {
            "kind": "review_received",
            "to_address": "bob@example.com",
            "subject": "alice left you a 5-star review",
            "category": "essential",
        }
    ]


def test_the_buyer_is_told_of_the_sellers_review(events):
    events.deliver(
        review_created(
            side="seller",
            reviewer_id=BOB["user_id"],
            reviewer_username="bob",
            reviewee_id=ALICE["user_id"],
            reviewee_username="alice",
            rating=1,
        )
    )

    assert list(Notification.objects.values_list("user_id", "body")) == [
        (ALICE["user_id"], "bob rated you as a buyer 1 star out of 5. See the review on the order.")
    ]
    assert list(OutgoingEmail.objects.values_list("to_address", "subject")) == [
        ("alice@example.com", "bob left you a 1-star review")
    ]


def test_the_comment_is_quoted_in_the_email_only(events):
    events.deliver(review_created())

    assert "Fast, friendly" not in Notification.objects.get().body
    email = OutgoingEmail.objects.get()
    assert "Fast, friendly and the logo is perfect." in email.text_body
    assert f"https://front.example{PAGE}" in email.text_body


def test_a_review_without_a_comment_ends_with_the_rating(events):
    events.deliver(review_created(comment=""))

    assert "rated your work 5 out of 5.\n" in OutgoingEmail.objects.get().text_body


def test_a_review_delivered_twice_notifies_once(events):
    event_id = uuid.uuid4()

    assert events.deliver(review_created(), event_id=event_id) == [True]
    assert events.deliver(review_created(), event_id=event_id) == [False]

    assert Notification.objects.count() == 1
    assert OutgoingEmail.objects.count() == 1
    assert published_types() == ["notifications.notification.created"]
