"""reviews.review.replied: the buyer whose review the seller answered is told, in the app and by email."""

import uuid

import pytest

from notifications_service.notifications.models import Notification, OutgoingEmail, Recipient
from notifications_service.tests.factories import ALICE, BOB, ORDER_ID, review_replied

pytestmark = pytest.mark.django_db

PAGE = f"/orders/{ORDER_ID}"


@pytest.fixture(autouse=True)
def directory(settings):
    settings.FRONTEND_URL = "https://front.example"
    for party in (ALICE, BOB):
        Recipient.objects.create(**party)


def test_the_buyer_is_told_the_seller_replied(events):
    events.deliver(review_replied())

    assert list(Notification.objects.values("user_id", "kind", "title", "body", "link")) == [
        {
            "user_id": ALICE["user_id"],
            "kind": "review_replied",
            "title": "bob replied to your review",
            "body": "bob answered your review in public. See it on the order.",
            "link": PAGE,
        }
    ]
    assert list(OutgoingEmail.objects.values("kind", "to_address", "subject", "category")) == [
        {
            "kind": "review_replied",
            "to_address": "alice@example.com",
            "subject": "bob replied to your review",
            "category": "essential",
        }
    ]


def test_the_reply_is_quoted_in_the_email_only(events):
    events.deliver(review_replied())

    assert "pleasure" not in Notification.objects.get().body
    email = OutgoingEmail.objects.get()
    assert "Thank you, it was a pleasure." in email.text_body
    assert "Thank you, it was a pleasure." in email.html_body
    assert f"https://front.example{PAGE}" in email.text_body


def test_a_reply_delivered_twice_notifies_once(events):
    event_id = uuid.uuid4()

    assert events.deliver(review_replied(), event_id=event_id) == [True]
    assert events.deliver(review_replied(), event_id=event_id) == [False]

    assert (Notification.objects.count(), OutgoingEmail.objects.count()) == (1, 1)
