"""Changing the account's address: asked with the password, confirmed from a link mailed to the new one.

The address changes only once the link is opened, so a typo never locks the owner out,
and the previous address is told (``auth.user.email_changed``), so an owner whose
password was stolen hears of it where the thief cannot delete the email.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from auth_service.accounts import errors
from auth_service.accounts.models import EmailToken, User
from auth_service.accounts.selectors import get_active_user
from auth_service.accounts.services.email_tokens import consume_email_token, issue_email_token
from auth_service.accounts.services.passwords import check_current_password
from common.api.errors import InvalidInput
from common.events.catalog import auth as events
from common.events.outbox import publish


def request_email_change(*, user_id: int, current_password: str, new_email: str, client_ip: str) -> str:
    """Mail a confirmation link to ``new_email``; the account keeps its address until it is opened.

    Returns the normalised new address. A newer request supersedes the older links.
    """
    user = get_active_user(user_id)
    check_current_password(user, current_password, client_ip=client_ip)
    new_email = User.objects.normalize_email(new_email.strip())
    if new_email.lower() == user.email.lower():
        raise InvalidInput.on("new_email", "This is already your email address.", code=errors.SAME_EMAIL)
    ensure_email_free(new_email, user, field="new_email")
    with transaction.atomic():
        ttl = timedelta(hours=settings.EMAIL_VERIFICATION_TTL_HOURS)
        token, row = issue_email_token(user, EmailToken.Purpose.CHANGE_EMAIL, ttl, new_email=new_email)
        publish(
            events.EmailChangeRequested(
                user_id=user.pk,
                username=user.username,
                email=new_email,
                current_email=user.email,
                token=token,
                expires_at=row.expires_at,
            )
        )
    return new_email


def confirm_email_change(*, token: str) -> User:
    """Make the link's address the account's, verified; every other emailed link stops working."""
    try:
        with transaction.atomic():
            row = consume_email_token(token, EmailToken.Purpose.CHANGE_EMAIL)
            user = User.objects.select_for_update().get(pk=row.user_id)
            ensure_email_free(row.new_email, user, field="token")
            previous = user.email
            user.email, user.email_verified = row.new_email, True
            user.save(update_fields=["email", "email_verified"])
            # Links mailed to the previous address (a reset, a verification) must not outlive it.
            EmailToken.objects.filter(user=user, used_at__isnull=True).update(used_at=timezone.now())
            publish(
                events.EmailChanged(
                    user_id=user.pk,
                    username=user.username,
                    email=user.email,
                    previous_email=previous,
                    changed_at=timezone.now(),
                )
            )
            return user
    except IntegrityError:
        # Lost a race with a signup or another change to the same address.
        raise email_taken("token") from None


def ensure_email_free(email: str, user: User, *, field: str) -> None:
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise email_taken(field)


def email_taken(field: str) -> InvalidInput:
    return InvalidInput.on(field, "An account with this email already exists.", code=errors.EMAIL_TAKEN)
