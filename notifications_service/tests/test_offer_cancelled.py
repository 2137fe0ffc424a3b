"""chat.offer.cancelled: the party who did not cancel is told, in the app and by email."""

import uuid

import pytest

from common.events.catalog.notifications import NotificationCreated
from notifications_service.notifications.models import Notification, OutgoingEmail
from notifications_service.tests.conftest import published_types
from notifications_service.tests.factories import ALICE, BOB, offer_cancelled

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
STAFF_ID = 1005


@pytest.fixture(autouse=True)
def _front_end(settings, parties):
    settings.FRONTEND_URL = "https://front.example"


def notifications() -> list[dict]:
    return list(Notification.objects.order_by("user_id").values("user_id", "kind", "title", "body", "link"))


def test_an_offer_the_seller_withdrew_notifies_the_buyer_only(events):
    assert events.deliver(offer_cancelled(cancelled_by_id=BOB["user_id"])) == [True]

    assert notifications() == [
        {
            "user_id": ALICE["user_id"],
            "kind": "offer_cancelled",
            "title": "Offer cancelled",
            "body": "bob cancelled the offer for Logo design ($49.99, delivery in 3 days).",
            "link": "/inbox/12",
        }
    ]
    assert list(OutgoingEmail.objects.values_list("to_address", "subject", "category")) == [
        ("alice@example.com", "The offer for Logo design was cancelled", "essential")
    ]


def test_an_offer_the_buyer_declined_notifies_the_seller_only(events):
    events.deliver(offer_cancelled(cancelled_by_id=ALICE["user_id"]))

    assert notifications() == [
        {
            "user_id": BOB["user_id"],
            "kind": "offer_cancelled",
            "title": "Offer cancelled",
            "body": "alice cancelled the offer for Logo design ($49.99, delivery in 3 days).",
            "link": "/inbox/12",
        }
    ]
    assert list(OutgoingEmail.objects.values_list("to_address", "subject")) == [
        ("bob@example.com", "The offer for Logo design was cancelled")
    ]


def test_an_offer_cancelled_by_neither_party_notifies_both(events):
    events.deliver(offer_cancelled(cancelled_by_id=STAFF_ID))

    body = "The offer for Logo design ($49.99, delivery in 3 days) was cancelled."
    assert [(n["user_id"], n["body"]) for n in notifications()] == [
        (ALICE["user_id"], body),
        (BOB["user_id"], body),
    ]
    assert sorted(OutgoingEmail.objects.values_list("to_address", flat=True)) == [
        "alice@example.com",
        "bob@example.com",
    ]
    assert "\n\nThe offer for Logo design was cancelled:\n\n" in OutgoingEmail.objects.first().text_body


def test_the_notification_is_announced(events):
    event_id = uuid.uuid4()

    events.deliver(offer_cancelled(), event_id=event_id)

    notification = Notification.objects.get()
    assert notification.source_event_id == event_id
    assert events.published(NotificationCreated) == [
        NotificationCreated(
            notification_id=notification.pk,
            user_id=ALICE["user_id"],
            kind="offer_cancelled",
            title="Offer cancelled",
            body="bob cancelled the offer for Logo design ($49.99, delivery in 3 days).",
            link="/inbox/12",
            created_at=notification.created_at,
        )
    ]


def test_the_email_says_who_cancelled_and_that_it_can_no_longer_be_accepted(events):
    event_id = uuid.uuid4()

    events.deliver(offer_cancelled(), event_id=event_id)

    email = OutgoingEmail.objects.get()
    assert (email.kind, email.to_name, email.status, email.source_event_id) == (
        "offer_cancelled",
        "alice",
        "pending",
        event_id,
    )
    assert email.text_body == (
        "Hi alice,\n\n"
        "bob cancelled the offer for Logo design:\n\n"
        "Price: $49.99\n"
        "Delivery: 3 days\n\n"
        "Three logo concepts and two rounds of changes.\n\n"
        "It can no longer be accepted. Your conversation:\n\n"
        "https://front.example/inbox/12\n\n"
        "The Bazaar team\n"
        "https://front.example/\n\n"
        "You get this email because it concerns your Bazaar account.\n"
    )


def test_the_html_part_says_who_cancelled_and_links_to_the_conversation(events):
    events.deliver(offer_cancelled())

    html = OutgoingEmail.objects.get().html_body
    assert "bob cancelled the offer for <strong>Logo design</strong>:" in html
    assert "It can no longer be accepted." in html
    assert '<a href="https://front.example/inbox/12"' in html


def test_markup_in_the_description_is_escaped_in_html_and_kept_as_is_in_text(events):
    events.deliver(offer_cancelled(description=SCRIPT))

    email = OutgoingEmail.objects.get()
    assert "<script>" not in email.html_body
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;</p>" in email.html_body
    assert f"\n\n{SCRIPT}\n\n" in email.text_body


def test_the_event_delivered_twice_sends_one_email(
    events, smtp_server, eager_celery, django_capture_on_commit_callbacks
):
    event_id = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver(offer_cancelled(), event_id=event_id) == [True]
    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver(offer_cancelled(), event_id=event_id) == [False]

    assert [(message["To"], message["Subject"]) for message in smtp_server.messages] == [
        ("alice <alice@example.com>", "The offer for Logo design was cancelled")
    ]
    assert Notification.objects.count() == 1
    assert published_types() == ["notifications.notification.created"]


def test_an_offer_cancelled_by_neither_party_delivered_twice_notifies_each_party_once(events):
    event_id = uuid.uuid4()

    events.deliver(offer_cancelled(cancelled_by_id=STAFF_ID), event_id=event_id)
    events.deliver(offer_cancelled(cancelled_by_id=STAFF_ID), event_id=event_id)

    assert Notification.objects.count() == 2
    assert OutgoingEmail.objects.count() == 2
    assert published_types() == ["notifications.notification.created"] * 2
