"""factory_boy factories and event builders of the notifications service's tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
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
from notifications_service.notifications.models import Notification, OutgoingEmail, Recipient

DORA = {"user_id": 7, "username": "dora", "email": "dora@example.com"}
TOKEN = "tok-" + "x" * 40
EXPIRES_AT = datetime(2030, 3, 14, 15, 9, tzinfo=UTC)


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
