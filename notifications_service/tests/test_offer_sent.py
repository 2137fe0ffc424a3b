"""chat.offer.sent: the buyer is told of the seller's offer, in the app and by email."""

import uuid
from decimal import Decimal

import pytest

from common.events.catalog.notifications import NotificationCreated
from notifications_service.notifications.models import Notification, OutgoingEmail, Recipient
from notifications_service.tests.conftest import published_types
from notifications_service.tests.factories import ALICE, offer_sent

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _front_end(settings, parties):
    settings.FRONTEND_URL = "https://front.example"


def test_the_buyer_gets_one_in_app_notification_linking_to_the_conversation(events):
    event_id = uuid.uuid4()

    assert events.deliver(offer_sent(), event_id=event_id) == [True]

    assert list(
        Notification.objects.values("user_id", "kind", "title", "body", "link", "read_at", "source_event_id")
    ) == [
        {
            "user_id": ALICE["user_id"],
            "kind": "offer_sent",
            "title": "New offer from bob",
            "body": "bob sent you an offer for Logo design: $49.99, delivery in 3 days.",
            "link": "/inbox/12",
            "read_at": None,
            "source_event_id": event_id,
        }
    ]


def test_the_notification_is_announced(events):
    events.deliver(offer_sent())

    notification = Notification.objects.get()
    assert events.published(NotificationCreated) == [
        NotificationCreated(
            notification_id=notification.pk,
            user_id=ALICE["user_id"],
            kind="offer_sent",
            title="New offer from bob",
            body="bob sent you an offer for Logo design: $49.99, delivery in 3 days.",
            link="/inbox/12",
            created_at=notification.created_at,
        )
    ]


def test_the_buyer_gets_one_essential_email_at_their_directory_address(events):
    event_id = uuid.uuid4()

    events.deliver(offer_sent(), event_id=event_id)

    assert list(
        OutgoingEmail.objects.values(
            "kind", "to_address", "to_name", "subject", "category", "status", "source_event_id"
        )
    ) == [
        {
            "kind": "offer_sent",
            "to_address": "alice@example.com",
            "to_name": "alice",
            "subject": "bob sent you an offer for Logo design",
            "category": "essential",
            "status": "pending",
            "source_event_id": event_id,
        }
    ]


def test_the_email_gives_the_terms_and_a_link_to_the_conversation(events):
    events.deliver(offer_sent())

    assert OutgoingEmail.objects.get().text_body == (
        "Hi alice,\n\n"
        "bob sent you an offer for Logo design:\n\n"
        "Price: $49.99\n"
        "Delivery: 3 days\n\n"
        "Three logo concepts and two rounds of changes.\n\n"
        "Accept it, or answer bob, in your conversation:\n\n"
        "https://front.example/inbox/12\n\n"
        "The Bazaar team\n"
        "https://front.example/\n\n"
        "You get this email because it concerns your Bazaar account.\n"
    )


def test_the_html_part_shows_the_terms_and_a_button_to_the_conversation(events):
    events.deliver(offer_sent())

    html = OutgoingEmail.objects.get().html_body
    assert "bob sent you an offer for <strong>Logo design</strong>:" in html
    assert '<td style="padding:0 0 4px;font-weight:bold;">$49.99</td>' in html
    assert '<td style="padding:0 0 4px;font-weight:bold;">3 days</td>' in html
    assert ">Three logo concepts and two rounds of changes.</p>" in html
    assert '<a href="https://front.example/inbox/12"' in html
    assert ">See the offer</a>" in html


def test_a_large_price_reads_with_a_thousands_separator_and_cents(events):
    events.deliver(offer_sent(price=Decimal("1250"), delivery_days=1))

    assert Notification.objects.get().body == "bob sent you an offer for Logo design: $1,250.00, delivery in 1 day."
    email = OutgoingEmail.objects.get()
    assert "Price: $1,250.00\nDelivery: 1 day\n" in email.text_body
    assert ">$1,250.00</td>" in email.html_body


def test_markup_in_the_description_and_title_is_escaped_in_html_and_kept_as_is_in_text(events):
    events.deliver(offer_sent(description=f"Line one\n{SCRIPT}", gig_title=f"Logo {SCRIPT}"))

    email = OutgoingEmail.objects.get()
    assert "<script>" not in email.html_body
    assert "Line one<br>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in email.html_body
    assert "<strong>Logo &lt;script&gt;alert(1)&lt;/script&gt;</strong>" in email.html_body
    assert f"Line one\n{SCRIPT}\n" in email.text_body
    assert email.subject == f"bob sent you an offer for Logo {SCRIPT}"


def test_an_offer_without_a_description_shows_no_empty_quote(events):
    events.deliver(offer_sent(description=""))

    email = OutgoingEmail.objects.get()
    assert "Price: $49.99\nDelivery: 3 days\n\nAccept it, or answer bob" in email.text_body
    assert "background:#f4f4f5;border-radius:6px;" not in email.html_body


def test_the_seller_is_not_notified(events):
    events.deliver(offer_sent())

    assert list(Notification.objects.values_list("user_id", flat=True)) == [ALICE["user_id"]]
    assert list(OutgoingEmail.objects.values_list("to_address", flat=True)) == ["alice@example.com"]


def test_a_buyer_who_opted_out_of_news_still_gets_the_offer_email(events):
    Recipient.objects.filter(user_id=ALICE["user_id"]).update(wants_non_essential_email=False)

    events.deliver(offer_sent())

    assert list(OutgoingEmail.objects.values_list("to_address", "category")) == [("alice@example.com", "essential")]


def test_a_buyer_the_directory_does_not_know_gets_the_in_app_notification_only(events):
    Recipient.objects.filter(user_id=ALICE["user_id"]).delete()

    assert events.deliver(offer_sent()) == [True]

    assert Notification.objects.get().user_id == ALICE["user_id"]
    assert published_types() == ["notifications.notification.created"]
    assert OutgoingEmail.objects.count() == 0


def test_the_event_delivered_twice_sends_one_email(
    events, smtp_server, eager_celery, django_capture_on_commit_callbacks
):
    event_id = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver(offer_sent(), event_id=event_id) == [True]
    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver(offer_sent(), event_id=event_id) == [False]

    assert [(message["To"], message["Subject"]) for message in smtp_server.messages] == [
        ("alice <alice@example.com>", "bob sent you an offer for Logo design")
    ]
    assert Notification.objects.count() == 1
    assert list(OutgoingEmail.objects.values_list("status", flat=True)) == ["sent"]
    assert published_types() == ["notifications.notification.created"]
