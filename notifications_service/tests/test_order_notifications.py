"""orders.order.*: each party an order event concerns is told, in the app and by an essential email.

One table says, for each of the eight events, who is told and what: the tests below run
every row. The variants of one event (who cancelled, an automatic completion) follow.
"""

import uuid
from decimal import Decimal

import pytest

from common.events.catalog.notifications import NotificationCreated
from notifications_service.notifications import emails
from notifications_service.notifications.models import Notification, OutgoingEmail, Recipient
from notifications_service.tests.conftest import published_types
from notifications_service.tests.factories import (
    ALICE,
    BOB,
    ORDER_EMAIL_EVENTS,
    ORDER_ID,
    order_cancelled,
    order_completed,
    order_delivered,
    order_extension_approved,
    order_extension_rejected,
    order_extension_requested,
    order_partially_refunded,
    order_placed,
    order_resolution_declined,
    order_resolution_requested,
    order_revision_requested,
)

pytestmark = pytest.mark.django_db

PAGE = f"/orders/{ORDER_ID}"
LINK = f"https://front.example{PAGE}"
STAFF_ID = 1005


def told(party: dict, kind: str, title: str, body: str, mail: str, subject: str) -> dict:
    """What ``party`` (ALICE or BOB) is told: the in-app notification and the email."""
    return {
        "notification": {"user_id": party["user_id"], "kind": kind, "title": title, "body": body, "link": PAGE},
        "email": {"kind": mail, "to_address": party["email"], "to_name": party["username"], "subject": subject},
    }


# The event (bob cancels, with a full refund; alice approves) and who is told what, in order.
CASES = {
    "placed": (
        order_placed,
        [
            told(
                ALICE,
                "order_placed",
                "Order placed",
                "You paid $54.74 for Logo design. bob is now working on it.",
                "order_placed_buyer",
                "Your receipt for Logo design",
            ),
            told(
                BOB,
                "order_placed",
                "New order from alice",
                "alice ordered Logo design ($49.99). The work starts now.",
                "order_placed_seller",
                "New order from alice: Logo design",
            ),
        ],
    ),
    "delivered": (
        order_delivered,
        [
            told(
                ALICE,
                "order_delivered",
                "bob delivered your order",
                "bob delivered Logo design. Approve the delivery to complete the order, or ask for a revision.",
                "order_delivered",
                "bob delivered your order for Logo design",
            )
        ],
    ),
    "revision requested": (
        order_revision_requested,
        [
            told(
                BOB,
                "order_revision_requested",
                "alice asked for a revision",
                "alice asked for changes to Logo design. The order is in progress again.",
                "order_revision_requested",
                "alice asked for a revision of Logo design",
            )
        ],
    ),
    "extension requested": (
        order_extension_requested,
        [
            told(
                ALICE,
                "order_extension_requested",
                "bob asked for more time",
                "bob asked for 2 days more to deliver Logo design. Approve or reject the extension.",
                "order_extension_requested",
                "bob asked for more time for Logo design",
            )
        ],
    ),
    "extension approved": (
        order_extension_approved,
        [
            told(
                BOB,
                "order_extension_approved",
                "alice approved your extension",
                "You have 2 days more to deliver Logo design.",
                "order_extension_approved",
                "alice approved your extension for Logo design",
            )
        ],
    ),
    "extension rejected": (
        order_extension_rejected,
        [
            told(
                BOB,
                "order_extension_rejected",
                "alice rejected your extension",
                "alice rejected your request for 2 days more for Logo design: the due date stays.",
                "order_extension_rejected",
                "alice rejected your extension for Logo design",
            )
        ],
    ),
    "completed": (
        order_completed,
        [
            told(
                ALICE,
                "order_completed",
                "Order complete",
                "Your order for Logo design is complete. Leave a review of bob's work.",
                "order_completed_buyer",
                "Your order for Logo design is complete",
            ),
            told(
                BOB,
                "order_completed",
                "Order complete: $39.99 earned",
                "alice approved your delivery for Logo design. $39.99 was credited to your earnings.",
                "order_completed_seller",
                "Order for Logo design completed: earnings credited",
            ),
        ],
    ),
    "cancelled": (
        order_cancelled,
        [
            told(
                ALICE,
                "order_cancelled",
                "Order cancelled",
                "bob cancelled your order for Logo design. You are refunded the full $54.74 you paid.",
                "order_cancelled_buyer",
                "Your order for Logo design was cancelled",
            ),
            told(
                BOB,
                "order_cancelled",
                "Order cancelled",
                "You cancelled the order for Logo design. Nothing is credited to your earnings for it.",
                "order_cancelled_seller",
                "The order for Logo design was cancelled",
            ),
        ],
    ),
}
CASES.update(
    {
        "resolution_requested": (
            order_resolution_requested,
            [
                told(
                    BOB,
                    "order_resolution_requested",
                    "alice asks you to refund $10.00",
                    "alice proposes to refund $10.00 of the price of Logo design; the order goes on. "
                    "Accept or decline: left unanswered, the request is accepted.",
                    "order_resolution_requested",
                    "alice asks you to refund $10.00 for Logo design",
                )
            ],
        ),
        "resolution_declined": (
            order_resolution_declined,
            [
                told(
                    ALICE,
                    "order_resolution_declined",
                    "bob declined your request",
                    "bob declined your request to cancel the order for Logo design. The order goes on as it was.",
                    "order_resolution_declined",
                    "bob declined your request for Logo design",
                )
            ],
        ),
        "partially_refunded": (
            order_partially_refunded,
            [
                told(
                    ALICE,
                    "order_partially_refunded",
                    "Partial refund: $10.00",
                    "You are refunded $10.00 of your order for Logo design (alice asked and it was agreed).",
                    "order_partially_refunded_buyer",
                    "$10.00 of your order for Logo design is refunded",
                ),
                told(
                    BOB,
                    "order_partially_refunded",
                    "Partial refund of $10.00 to alice",
                    "$10.00 of the order for Logo design went back to alice (alice asked and it was agreed). "
                    "You will be credited on the rest of the price.",
                    "order_partially_refunded_seller",
                    "$10.00 of the order for Logo design is refunded",
                ),
            ],
        ),
    }
)

each_event = pytest.mark.parametrize(("event", "expected"), CASES.values(), ids=CASES.keys())


@pytest.fixture(autouse=True)
def _front_end(settings, parties):
    settings.FRONTEND_URL = "https://front.example"


def notifications() -> list[dict]:
    return list(Notification.objects.order_by("id").values("user_id", "kind", "title", "body", "link"))


def bodies() -> dict[int, str]:
    return dict(Notification.objects.values_list("user_id", "body"))


# --- every event ---------------------------------------------------------------------


def test_every_order_email_kind_is_sent_by_a_case_here():
    mails = [party["email"]["kind"] for _, expected in CASES.values() for party in expected]

    assert sorted(mails) == sorted(ORDER_EMAIL_EVENTS) == sorted(k for k in emails.KINDS if k.startswith("order_"))


@each_event
def test_each_party_concerned_gets_one_unread_in_app_notification_linking_to_the_order(events, event, expected):
    event_id = uuid.uuid4()

    assert events.deliver(event(), event_id=event_id) == [True]

    assert notifications() == [party["notification"] for party in expected]
    assert set(Notification.objects.values_list("read_at", "source_event_id")) == {(None, event_id)}


@each_event
def test_each_notification_is_announced(events, event, expected):
    events.deliver(event())

    assert events.published(NotificationCreated) == [
        NotificationCreated(notification_id=n.pk, created_at=n.created_at, **party["notification"])
        for n, party in zip(Notification.objects.order_by("id"), expected, strict=True)
    ]


@each_event
def test_each_party_concerned_gets_one_essential_email_at_their_directory_address(events, event, expected):
    event_id = uuid.uuid4()

    events.deliver(event(), event_id=event_id)

    assert list(OutgoingEmail.objects.order_by("id").values("kind", "to_address", "to_name", "subject")) == [
        party["email"] for party in expected
    ]
    assert set(OutgoingEmail.objects.values_list("category", "status", "source_event_id")) == {
        ("essential", "pending", event_id)
    }


@each_event
def test_each_email_greets_its_reader_and_links_to_the_order_page(events, event, expected):
    events.deliver(event())

    for email, party in zip(OutgoingEmail.objects.order_by("id"), expected, strict=True):
        assert email.text_body.startswith(f"Hi {party['email']['to_name']},\n\n")
        assert f"\n\n{LINK}\n\n" in email.text_body
        assert f'<a href="{LINK}"' in email.html_body


@each_event
def test_parties_who_opted_out_of_news_still_get_the_order_email(events, event, expected):
    Recipient.objects.update(wants_non_essential_email=False)

    events.deliver(event())

    assert list(OutgoingEmail.objects.order_by("id").values_list("to_address", "category")) == [
        (party["email"]["to_address"], "essential") for party in expected
    ]


@each_event
def test_a_party_the_directory_does_not_know_gets_the_in_app_notification_only(events, event, expected):
    Recipient.objects.all().delete()

    assert events.deliver(event()) == [True]

    assert notifications() == [party["notification"] for party in expected]
    assert published_types() == ["notifications.notification.created"] * len(expected)
    assert OutgoingEmail.objects.count() == 0


@each_event
def test_the_event_delivered_twice_notifies_and_mails_once(
    events, event, expected, smtp_server, eager_celery, django_capture_on_commit_callbacks
):
    event_id = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver(event(), event_id=event_id) == [True]
    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver(event(), event_id=event_id) == [False]

    assert sorted((message["To"], message["Subject"]) for message in smtp_server.messages) == sorted(
        (f"{party['email']['to_name']} <{party['email']['to_address']}>", party["email"]["subject"])
        for party in expected
    )
    assert Notification.objects.count() == len(expected)
    assert list(OutgoingEmail.objects.values_list("status", flat=True)) == ["sent"] * len(expected)
    assert published_types() == ["notifications.notification.created"] * len(expected)


# --- placed --------------------------------------------------------------------------


def test_the_buyers_receipt_gives_the_fee_the_total_and_the_due_date(events):
    events.deliver(order_placed())

    receipt = OutgoingEmail.objects.get(kind="order_placed_buyer")
    assert receipt.text_body == (
        "Hi alice,\n\n"
        "Thank you for your order! bob is now working on Logo design. Your receipt:\n\n"
        f"Order: {ORDER_ID}\n"
        "Gig: Logo design, by bob\n"
        "Price: $49.99\n"
        "Service fee: $4.75\n"
        "Total paid: $54.74\n\n"
        "Delivery is due by 17 March 2030, 15:09 UTC. Follow your order here:\n\n"
        f"{LINK}\n\n"
        "The Bazaar team\n"
        "https://front.example/\n\n"
        "You get this email because it concerns your Bazaar account.\n"
    )


def test_a_failure_notifying_the_seller_leaves_no_trace_of_the_buyers_notification(events, monkeypatch):
    event_id = uuid.uuid4()
    monkeypatch.delitem(emails.KINDS, "order_placed_seller")

    with pytest.raises(KeyError):
        events.deliver(order_placed(), event_id=event_id)

    assert Notification.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert published_types() == []
    monkeypatch.undo()
    assert events.deliver(order_placed(), event_id=event_id) == [True]
    assert Notification.objects.count() == 2


# --- extensions ----------------------------------------------------------------------


def test_an_extension_of_one_day_says_day(events):
    events.deliver(order_extension_requested(extra_days=1))

    assert bodies() == {
        ALICE["user_id"]: "bob asked for 1 day more to deliver Logo design. Approve or reject the extension."
    }


# --- completed -----------------------------------------------------------------------


def test_an_order_completed_when_the_review_time_ran_out_says_so_to_both(events):
    events.deliver(order_completed(auto_completed=True))

    assert bodies() == {
        ALICE["user_id"]: "The time to review the delivery ran out, so your order for Logo design was approved. "
        "Leave a review of bob's work.",
        BOB["user_id"]: "alice did not review your delivery for Logo design in time, so it was approved "
        "automatically. $39.99 was credited to your earnings.",
    }


# --- cancelled -----------------------------------------------------------------------

FULL_REFUND = "You are refunded the full $54.74 you paid."
NO_EARNINGS = "Nothing is credited to your earnings for it."


@pytest.mark.parametrize(
    ("cancelled_by_id", "buyer_reads", "seller_reads"),
    [
        (ALICE["user_id"], "You cancelled your order for Logo design.", "alice cancelled the order for Logo design."),
        (BOB["user_id"], "bob cancelled your order for Logo design.", "You cancelled the order for Logo design."),
        (STAFF_ID, "Your order for Logo design was cancelled.", "The order for Logo design was cancelled."),
    ],
    ids=["by the buyer", "by the seller", "by staff"],
)
def test_both_parties_are_told_who_cancelled(events, cancelled_by_id, buyer_reads, seller_reads):
    events.deliver(order_cancelled(cancelled_by_id=cancelled_by_id))

    assert bodies() == {
        ALICE["user_id"]: f"{buyer_reads} {FULL_REFUND}",
        BOB["user_id"]: f"{seller_reads} {NO_EARNINGS}",
    }
    assert sorted(OutgoingEmail.objects.values_list("to_address", flat=True)) == [
        "alice@example.com",
        "bob@example.com",
    ]


def test_a_partial_refund_says_how_much_of_the_total_comes_back(events):
    events.deliver(order_cancelled(refunded=Decimal("49.99")))

    assert bodies()[ALICE["user_id"]] == (
        "bob cancelled your order for Logo design. You are refunded $49.99 of the $54.74 you paid."
    )
    receipt = OutgoingEmail.objects.get(kind="order_cancelled_buyer")
    assert "You are refunded $49.99 of the $54.74 you paid, to the payment method you used." in receipt.text_body


# --- resolution ----------------------------------------------------------------------


def test_a_request_to_cancel_goes_to_the_seller_when_the_buyer_asks_and_gives_the_deadline(events):
    events.deliver(order_resolution_requested(kind="cancel", amount=Decimal("54.74"), reason="No longer needed."))

    email = OutgoingEmail.objects.get()
    assert (email.to_address, email.subject) == (BOB["email"], "alice asks you to cancel the order for Logo design")
    assert "If you accept, the order is cancelled and alice gets back $54.74." in email.text_body
    assert "by 19 March 2030, 15:09 UTC: left unanswered, the request is accepted then." in email.text_body
    assert "No longer needed." in email.text_body


def test_a_request_of_the_seller_goes_to_the_buyer(events):
    events.deliver(order_resolution_requested(requested_by_id=BOB["user_id"]))

    assert list(Notification.objects.values_list("user_id", "title")) == [
        (ALICE["user_id"], "bob asks you to refund $10.00")
    ]


@pytest.mark.parametrize(
    ("resolution", "buyer_reads"),
    [
        ("agreed", "You asked to cancel your order for Logo design, and it was agreed."),
        ("expired", "You asked to cancel your order for Logo design, and it was not answered in time, so it stands."),
        ("support", "Bazaar support cancelled your order for Logo design."),
    ],
)
def test_a_cancellation_says_how_it_came_about(events, resolution, buyer_reads):
    events.deliver(order_cancelled(cancelled_by_id=ALICE["user_id"], resolution=resolution))

    buyers = Notification.objects.get(user_id=ALICE["user_id"])
    assert buyers.body == f"{buyer_reads} You are refunded the full $54.74 you paid."
    email = OutgoingEmail.objects.get(kind="order_cancelled_buyer")
    assert {"agreed": "as you both agreed", "expired": "not answered in time", "support": "Bazaar support"}[
        resolution
    ] in email.text_body


def test_a_completion_by_support_gives_both_parties_its_note(events):
    events.deliver(order_completed(by_support=True, support_note="The delivery matches the brief."))

    assert [n.body.split(".")[0] for n in Notification.objects.order_by("user_id")] == [
        "Bazaar support completed your order for Logo design",
        "Bazaar support completed the order for Logo design",
    ]
    for email in OutgoingEmail.objects.all():
        assert "The delivery matches the brief." in email.text_body
        assert "The delivery matches the brief." in email.html_body


def test_a_partial_refund_by_support_says_so_and_quotes_the_note(events):
    events.deliver(order_partially_refunded(resolution="support", requested_by_id=None, reason="One was missing."))

    email = OutgoingEmail.objects.get(kind="order_partially_refunded_buyer")
    assert "(Bazaar support decided):\n\nOne was missing." in email.text_body
