"""factory_boy factories and event builders of the notifications service's tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import factory
from django.utils import timezone

from common.events.base import Event
from common.events.catalog.auth import (
    EmailChanged,
    EmailChangeRequested,
    EmailVerificationRequested,
    EmailVerified,
    OtpRequested,
    PasswordChanged,
    PasswordResetCompleted,
    PasswordResetRequested,
    UserRegistered,
)
from common.events.catalog.chat import ConversationRead, MessageSent, OfferAccepted, OfferCancelled, OfferSent
from common.events.catalog.orders import (
    OrderCancelled,
    OrderCompleted,
    OrderDelivered,
    OrderExtensionApproved,
    OrderExtensionRejected,
    OrderExtensionRequested,
    OrderPartiallyRefunded,
    OrderPlaced,
    OrderResolutionDeclined,
    OrderResolutionRequested,
    OrderRevisionRequested,
    PayoutFailed,
    PayoutWithdrawn,
)
from common.events.catalog.reviews import ReviewCreated, ReviewReplied
from notifications_service.notifications.models import Notification, OutgoingEmail, Recipient

DORA = {"user_id": 7, "username": "dora", "email": "dora@example.com"}
TOKEN = "tok-" + "x" * 40
EXPIRES_AT = datetime(2030, 3, 14, 15, 9, tzinfo=UTC)
# The personas of common.testing: alice buys, bob sells.
ALICE = {"user_id": 1001, "username": "alice", "email": "alice@example.com"}
BOB = {"user_id": 1002, "username": "bob", "email": "bob@example.com"}
OFFER = {
    "message_id": 501,
    "conversation_id": 12,
    "seller_id": BOB["user_id"],
    "seller_username": "bob",
    "buyer_id": ALICE["user_id"],
    "buyer_username": "alice",
    "gig_id": 33,
    "gig_title": "Logo design",
    "price": Decimal("49.99"),
    "description": "Three logo concepts and two rounds of changes.",
    "delivery_days": 3,
    "occurred_at": datetime(2030, 3, 14, 15, 9, tzinfo=UTC),
}
ORDER_ID = UUID("3f2a6c1e-8b1d-4e0a-9c55-2d7f1b9e4a10")
ORDER = {
    "order_id": ORDER_ID,
    "gig_id": 33,
    "gig_title": "Logo design",
    "buyer_id": ALICE["user_id"],
    "buyer_username": "alice",
    "seller_id": BOB["user_id"],
    "seller_username": "bob",
    "status": "in_progress",
    # The service fee (docs/api-guide.md, "Orders and payments"): 5.5 % of the price (2.75) plus 2.00 under 50.00.
    "price": Decimal("49.99"),
    "service_fee": Decimal("4.75"),
    "total": Decimal("54.74"),
    "due_at": datetime(2030, 3, 17, 15, 9, tzinfo=UTC),
    "occurred_at": datetime(2030, 3, 14, 15, 9, tzinfo=UTC),
}


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recipient

    user_id = factory.Sequence(lambda n: 100 + n)
    username = factory.LazyAttribute(lambda o: f"user{o.user_id}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user_id = 1001
    kind = "verify_email"
    title = factory.Sequence(lambda n: f"Notification {n}")
    body = "Something happened."


class OutgoingEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutgoingEmail

    kind = "welcome"
    to_address = "dora@example.com"
    to_name = "dora"
    subject = "Welcome to Bazaar"
    text_body = "Hi dora,\n\nWelcome.\n"
    html_body = "<p>Hi dora,</p><p>Welcome.</p>"
    category = OutgoingEmail.Category.NON_ESSENTIAL


def days_ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)


def registered(**changes: Any) -> UserRegistered:
    return UserRegistered(**{**DORA, "country": "Peru", **changes})


def verification_requested(**changes: Any) -> EmailVerificationRequested:
    return EmailVerificationRequested(**{**DORA, "token": TOKEN, "expires_at": EXPIRES_AT, **changes})


def verified(**changes: Any) -> EmailVerified:
    return EmailVerified(**{**DORA, **changes})


def otp_requested(**changes: Any) -> OtpRequested:
    return OtpRequested(**{**DORA, "code": "042917", "expires_in_minutes": 10, **changes})


def reset_requested(**changes: Any) -> PasswordResetRequested:
    return PasswordResetRequested(**{**DORA, "token": TOKEN, "expires_at": EXPIRES_AT, **changes})


def reset_completed(**changes: Any) -> PasswordResetCompleted:
    return PasswordResetCompleted(**{**DORA, **changes})


def password_changed(**changes: Any) -> PasswordChanged:
    return PasswordChanged(**{**DORA, "changed_at": EXPIRES_AT, **changes})


def email_change_requested(**changes: Any) -> EmailChangeRequested:
    """dora asks to use dora@example.com instead of her earlier address; the link goes to the new one."""
    return EmailChangeRequested(
        **{**DORA, "current_email": "dora.old@example.com", "token": TOKEN, "expires_at": EXPIRES_AT, **changes}
    )


def email_changed(**changes: Any) -> EmailChanged:
    """dora's address is now dora.new@example.com; dora@example.com, the one she had, is told."""
    return EmailChanged(
        **{**DORA, "email": "dora.new@example.com", "previous_email": "dora@example.com", "changed_at": EXPIRES_AT}
        | changes
    )


def review_created(**changes: Any) -> ReviewCreated:
    """alice (the buyer) reviews bob's work on an order."""
    review = {
        "review_id": 81,
        "order_id": ORDER_ID,
        "gig_id": 33,
        "side": "buyer",
        "reviewer_id": ALICE["user_id"],
        "reviewer_username": "alice",
        "reviewee_id": BOB["user_id"],
        "reviewee_username": "bob",
        "rating": 5,
        "comment": "Fast, friendly and the logo is perfect.",
        "created_at": EXPIRES_AT,
    }
    return ReviewCreated(**{**review, **changes})


def review_replied(**changes: Any) -> ReviewReplied:
    """bob answers alice's review of his work."""
    reply = {
        "review_id": 81,
        "order_id": ORDER_ID,
        "gig_id": 33,
        "reviewer_id": ALICE["user_id"],
        "reviewer_username": "alice",
        "seller_id": BOB["user_id"],
        "seller_username": "bob",
        "reply": "Thank you, it was a pleasure.",
        "replied_at": EXPIRES_AT,
    }
    return ReviewReplied(**{**reply, **changes})


def message_sent(**changes: Any) -> MessageSent:
    """bob writes to alice in conversation 12."""
    message = {
        "message_id": 701,
        "conversation_id": 12,
        "sender_id": BOB["user_id"],
        "sender_username": "bob",
        "recipient_id": ALICE["user_id"],
        "recipient_username": "alice",
        "body": "Hi alice, here is a first sketch of the logo.",
        "gig_id": 33,
        "attachment_name": None,
        "offer": None,
        "sent_at": EXPIRES_AT,
    }
    return MessageSent(**{**message, **changes})


def conversation_read(**changes: Any) -> ConversationRead:
    """alice read conversation 12 up to message 701."""
    read = {
        "conversation_id": 12,
        "reader_id": ALICE["user_id"],
        "reader_username": "alice",
        "other_party_id": BOB["user_id"],
        "last_read_message_id": 701,
        "read_at": EXPIRES_AT,
    }
    return ConversationRead(**{**read, **changes})


def offer_sent(**changes: Any) -> OfferSent:
    return OfferSent(**{**OFFER, **changes})


def offer_accepted(**changes: Any) -> OfferAccepted:
    return OfferAccepted(**{**OFFER, **changes})


def offer_cancelled(**changes: Any) -> OfferCancelled:
    """Cancelled by bob, the seller, unless ``cancelled_by_id`` says otherwise."""
    return OfferCancelled(**{**OFFER, "cancelled_by_id": BOB["user_id"], **changes})


def order_placed(**changes: Any) -> OrderPlaced:
    return OrderPlaced(**{**ORDER, **changes})


def order_delivered(**changes: Any) -> OrderDelivered:
    return OrderDelivered(**{**ORDER, "status": "delivered", "message": "Here are the three concepts.", **changes})


def order_revision_requested(**changes: Any) -> OrderRevisionRequested:
    return OrderRevisionRequested(**{**ORDER, "message": "Could the second one be blue?", **changes})


def order_extension_requested(**changes: Any) -> OrderExtensionRequested:
    return OrderExtensionRequested(**{**ORDER, "extra_days": 2, "reason": "The fonts need a licence.", **changes})


def order_extension_approved(**changes: Any) -> OrderExtensionApproved:
    return OrderExtensionApproved(
        **{**ORDER, "extra_days": 2, "due_at": datetime(2030, 3, 19, 15, 9, tzinfo=UTC), **changes}
    )


def order_extension_rejected(**changes: Any) -> OrderExtensionRejected:
    return OrderExtensionRejected(**{**ORDER, "extra_days": 2, **changes})


def order_completed(**changes: Any) -> OrderCompleted:
    fields = {"status": "completed", "seller_earnings": Decimal("39.99"), "auto_completed": False}
    return OrderCompleted(**{**ORDER, **fields, **changes})


def order_cancelled(**changes: Any) -> OrderCancelled:
    """Cancelled by bob, the seller, with a full refund, unless said otherwise."""
    fields = {
        "status": "cancelled",
        "cancelled_by_id": BOB["user_id"],
        "reason": "I am ill.",
        "refunded": ORDER["total"],
    }
    return OrderCancelled(**{**ORDER, **fields, **changes})


def order_resolution_requested(**changes: Any) -> OrderResolutionRequested:
    """alice, the buyer, asks bob to refund $10.00 of the price, by 19 March 2030, unless said otherwise."""
    fields = {
        "kind": "partial_refund",
        "amount": Decimal("10.00"),
        "reason": "Only two of the three concepts.",
        "requested_by_id": ALICE["user_id"],
        "expires_at": datetime(2030, 3, 19, 15, 9, tzinfo=UTC),
    }
    return OrderResolutionRequested(**{**ORDER, **fields, **changes})


def order_resolution_declined(**changes: Any) -> OrderResolutionDeclined:
    """bob declines alice's request to cancel, unless said otherwise."""
    fields = {"kind": "cancel", "amount": ORDER["total"], "requested_by_id": ALICE["user_id"], "answer": "Nearly done."}
    return OrderResolutionDeclined(**{**ORDER, **fields, **changes})


def order_partially_refunded(**changes: Any) -> OrderPartiallyRefunded:
    """$10.00 back to alice, as she asked and bob agreed, unless said otherwise."""
    fields = {
        "amount": Decimal("10.00"),
        "refunded": Decimal("10.00"),
        "requested_by_id": ALICE["user_id"],
        "reason": "Only two of the three concepts.",
        "resolution": "agreed",
    }
    return OrderPartiallyRefunded(**{**ORDER, **fields, **changes})


WITHDRAWAL_ID = UUID("9b6d3c1e-2f4a-4c8e-a1d7-5e3b2c9f8a01")
PAYOUT = {
    "withdrawal_id": WITHDRAWAL_ID,
    "seller_id": BOB["user_id"],
    "seller_username": "bob",
    "amount": Decimal("96.00"),
    "currency": "usd",
    "available": Decimal("4.50"),
    "occurred_at": datetime(2030, 3, 14, 15, 9, tzinfo=UTC),
}


def payout_withdrawn(**changes: Any) -> PayoutWithdrawn:
    """bob's withdrawal of $96.00 transferred, $4.50 left available."""
    return PayoutWithdrawn(**{**PAYOUT, "transfer_id": "tr_1Qa2b3", **changes})


def payout_failed(**changes: Any) -> PayoutFailed:
    """bob's withdrawal of $96.00 refused by the provider; it is available again."""
    fields = {"available": Decimal("100.50"), "reason": "The destination account cannot receive transfers."}
    return PayoutFailed(**{**PAYOUT, **fields, **changes})


# The payout email kinds and the event each announces.
PAYOUT_EMAIL_EVENTS = {"payout_withdrawn": payout_withdrawn, "payout_failed": payout_failed}

# The order email kinds (``emails.KINDS``) and the event each announces.
ORDER_EMAIL_EVENTS = {
    "order_placed_buyer": order_placed,
    "order_placed_seller": order_placed,
    "order_delivered": order_delivered,
    "order_revision_requested": order_revision_requested,
    "order_extension_requested": order_extension_requested,
    "order_extension_approved": order_extension_approved,
    "order_extension_rejected": order_extension_rejected,
    "order_completed_buyer": order_completed,
    "order_completed_seller": order_completed,
    "order_cancelled_buyer": order_cancelled,
    "order_cancelled_seller": order_cancelled,
    "order_resolution_requested": order_resolution_requested,
    "order_resolution_declined": order_resolution_declined,
    "order_partially_refunded_buyer": order_partially_refunded,
    "order_partially_refunded_seller": order_partially_refunded,
}


def mail_extra(kind: str, event: Event) -> dict[str, object]:
    """What the table's row of email ``kind`` adds to ``event``'s fields (``requested_by``, ...)."""
    from notifications_service.notifications.handlers import NOTIFICATIONS

    return dict(next(row.extra(event) for row in NOTIFICATIONS if row.mail == kind))
