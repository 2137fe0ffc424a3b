"""chat.offer.accepted: the seller is told the buyer accepted, in the app and by email."""

import uuid

import pytest

from common.events.catalog.notifications import NotificationCreated
from notifications_service.notifications.models import Notification, OutgoingEmail, Recipient
from notifications_service.tests.conftest import published_types
from notifications_service.tests.factories import BOB, offer_accepted

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
BODY = "alice accepted your offer for Logo design ($49.99, delivery in 3 days). They can now place the order."


@pytest.fixture(autouse=True)
def _front_end(settings, parties):
    settings.FRONTEND_URL = "https://front.example"


def test_the_seller_gets_one_in_app_notification_linking_to_the_conversation(events):
    event_id = uuid.uuid4()

    assert events.deliver(offer_accepted(), event_id=event_id) == [True]

    assert list(
        Notification.objects.values("user_id", "kind", "title", "body", "link", "read_at", "source_event_id")
    ) == [
        {
            "user_id": BOB["user_id"],
            "kind": "offer_accepted",
            "title": "alice accepted your offer",
            "body": BODY,
            "link": "/inbox/12",
            "read_at": None,
            "source_event_id": event_id,
        }
    ]


def test_the_notification_is_announced(events):
    events.deliver(offer_accepted())

    notification = Notification.objects.get()
    assert events.published(NotificationCreated) == [
        NotificationCreated(
            notification_id=notification.pk,
            user_id=BOB["user_id"],
            kind="offer_accepted",
            title="alice accepted your offer",
            body=BODY,
            link="/inbox/12",
            created_at=notification.created_at,
        )
    ]


def test_the_seller_gets_one_essential_email_at_their_directory_address(events):
    event_id = uuid.uuid4()

    events.deliver(offer_accepted(), event_id=event_id)

    assert list(
        OutgoingEmail.objects.values(
            "kind", "to_address", "to_name", "subject", "category", "status", "source_event_id"
        )
    ) == [
        {
            "kind": "offer_accepted",
            "to_address": "bob@example.com",
            "to_name": "bob",
            "subject": "alice accepted your offer for Logo design",
            "category": "essential",
            "status": "pending",
            "source_event_id": event_id,
        }
    ]


def test_the_email_says_the_buyer_can_now_place_the_order(events):
    events.deliver(offer_accepted())

    assert OutgoingEmail.objects.get().text_body == (
        "Hi bob,\n\n"
        "alice accepted your offer for Logo design:\n\n"
        "Price: $49.99\n"
        "Delivery: 3 days\n\n"
        "Three logo concepts and two rounds of changes.\n\n"
        "They can now place the order. Your conversation with alice:\n\n"
        "https://front.example/inbox/12\n\n"
        "The Bazaar team\n"
        "https://front.example/\n\n"
        "You get this email because it concerns your Bazaar account.\n"
    )


def test_the_html_part_shows_the_terms_and_a_button_to_the_conversation(events):
    events.deliver(offer_accepted())

    html = OutgoingEmail.objects.get().html_body
    assert "alice accepted your offer for <strong>Logo design</strong>:" in html
    assert ">$49.99</td>" in html
    assert "They can now place the order." in html
    assert '<a href="https://front.example/inbox/12"' in html
    assert ">Open the conversation</a>" in html


def test_markup_in_the_description_is_escaped_in_html_and_kept_as_is_in_text(events):
    events.deliver(offer_accepted(description=SCRIPT))

    email = OutgoingEmail.objects.get()
    assert "<script>" not in email.html_body
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;</p>" in email.html_body
    assert f"\n\n{SCRIPT}\n\n" in email.text_body


def test_the_buyer_is_not_notified(events):
    events.deliver(offer_accepted())

    assert list(Notification.objects.values_list("user_id", flat=True)) == [BOB["user_id"]]
    assert list(OutgoingEmail.objects.values_list("to_address", flat=True)) == ["bob@example.com"]


def test_a_seller_who_opted_out_of_news_still_gets_the_email(events):
    Recipient.objects.filter(user_id=BOB["user_id"]).update(wants_non_essential_email=False)

    events.deliver(offer_accepted())

    assert list(OutgoingEmail.objects.values_list("to_address", "category")) == [("bob@example.com", "essential")]


def test_the_event_delivered_twice_sends_one_email(
    events, smtp_server, eager_celery, django_capture_on_commit_callbacks
):
    event_id = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver(offer_accepted(), event_id=event_id) == [True]
    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver(offer_accepted(), event_id=event_id) == [False]

    assert [(message["To"], message["Subject"]) for message in smtp_server.messages] == [
        ("bob <bob@example.com>", "alice accepted your offer for Logo design")
    ]
    assert Notification.objects.count() == 1
    assert published_types() == ["notifications.notification.created"]
