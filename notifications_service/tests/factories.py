"""factory_boy factories and event builders of the notifications service's tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from common.events.catalog.auth import (
    EmailVerificationRequested,
    EmailVerified,
    OtpRequested,
    PasswordResetCompleted,
    PasswordResetRequested,
    UserRegistered,
)
from common.events.catalog.chat import OfferAccepted, OfferCancelled, OfferSent
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


def offer_sent(**changes: Any) -> OfferSent:
    return OfferSent(**{**OFFER, **changes})


def offer_accepted(**changes: Any) -> OfferAccepted:
    return OfferAccepted(**{**OFFER, **changes})


def offer_cancelled(**changes: Any) -> OfferCancelled:
    """Cancelled by bob, the seller, unless ``cancelled_by_id`` says otherwise."""
    return OfferCancelled(**{**OFFER, "cancelled_by_id": BOB["user_id"], **changes})
