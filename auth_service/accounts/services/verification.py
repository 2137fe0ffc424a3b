"""Verifying an account's email address: the link mailed on signup (or again on request)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction

from auth_service.accounts import errors
from auth_service.accounts.models import EmailToken, User
from auth_service.accounts.selectors import get_active_user
from auth_service.accounts.services.email_tokens import consume_email_token, issue_email_token
from common.api.errors import Conflict
from common.events.catalog import auth as events
from common.events.outbox import publish


def verify_email(*, token: str) -> User:
    with transaction.atomic():
        user = consume_email_token(token, EmailToken.Purpose.VERIFY_EMAIL).user
        mark_email_verified(user=user)
        return user


def mark_email_verified(*, user: User) -> None:
    """Mark the address verified and announce it (once). Used by the link and by ``seed_accounts``."""
    with transaction.atomic():
        if not user.email_verified:
            user.email_verified = True
            user.save(update_fields=["email_verified"])
            publish(events.EmailVerified(user_id=user.pk, username=user.username, email=user.email))


def resend_verification(*, user_id: int) -> None:
    with transaction.atomic():
        user = get_active_user(user_id)
        if user.email_verified:
            raise Conflict("This email address is already verified.", code=errors.ALREADY_VERIFIED)
        request_email_verification(user)


def request_email_verification(user: User) -> None:
    token, row = issue_email_token(
        user, EmailToken.Purpose.VERIFY_EMAIL, timedelta(hours=settings.EMAIL_VERIFICATION_TTL_HOURS)
    )
    publish(
        events.EmailVerificationRequested(
            user_id=user.pk, username=user.username, email=user.email, token=token, expires_at=row.expires_at
        )
    )
