"""Events the auth service publishes.

Events that ask for an email carry what the email needs (address, name, the secret and
its lifetime), so the notifications service sends it without calling the auth service.
Links are built by the consumer from ``FRONTEND_URL``: ``/verify-email?token=...`` and
``/reset-password?token=...``.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from common.events.base import Event

# What every service shows instead of the name of a deleted account (reviews, messages, orders).
DELETED_USERNAME = "Deleted user"


class UserRegistered(Event):
    """A new account exists (consumers: users creates the buyer profile)."""

    type = "auth.user.registered"

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)
    country: str = Field(max_length=64)


class EmailVerificationRequested(Event):
    """Send the account's email a verification link carrying ``token`` (valid until ``expires_at``)."""

    type = "auth.email_verification.requested"
    secret_fields = frozenset({"token"})

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)
    token: str = Field(min_length=20, max_length=128)
    expires_at: datetime


class EmailVerified(Event):
    """The account's email address was verified."""

    type = "auth.email.verified"

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)


class OtpRequested(Event):
    """Send the account a one-time sign-in code for a new device."""

    type = "auth.otp.requested"
    secret_fields = frozenset({"code"})

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)
    code: str = Field(pattern=r"^\d{6}$")
    expires_in_minutes: int = Field(gt=0)


class PasswordResetRequested(Event):
    """Send the account a password reset link carrying ``token`` (valid until ``expires_at``)."""

    type = "auth.password_reset.requested"
    secret_fields = frozenset({"token"})

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)
    token: str = Field(min_length=20, max_length=128)
    expires_at: datetime


class PasswordResetCompleted(Event):
    """Tell the account its password was reset (and every session was signed out)."""

    type = "auth.password_reset.completed"

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)


class PasswordChanged(Event):
    """The owner changed the password; other sessions were signed out (consumer: notifications tells the owner)."""

    type = "auth.password.changed"

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)
    changed_at: datetime


class EmailChangeRequested(Event):
    """Send the new address a link carrying ``token`` (valid until ``expires_at``) that makes it the account's.

    ``email`` is the new address, where the link goes; ``current_email`` the account's until
    the link is opened (consumer: notifications mails the link).
    """

    type = "auth.email_change.requested"
    secret_fields = frozenset({"token"})

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)
    current_email: str = Field(max_length=254)
    token: str = Field(min_length=20, max_length=128)
    expires_at: datetime


class EmailChanged(Event):
    """The owner confirmed a new address: ``email`` is the account's now, verified; ``previous_email`` was.

    Consumers: users and notifications keep the new address; notifications tells the
    previous one, so an owner whose account was taken over hears of it.
    """

    type = "auth.user.email_changed"

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)
    previous_email: str = Field(max_length=254)
    changed_at: datetime


class UserDeleted(Event):
    """The owner deleted the account: every service erases or anonymises what it keeps of ``user_id``.

    Published only while no order of the account is open. Consumers: users erases the
    profiles, gigs deletes the seller's gigs, chat, orders and reviews replace the name
    with "Deleted user", notifications erases its notices and address (this event's email,
    the last, is sent first).
    """

    type = "auth.user.deleted"

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)
    deleted_at: datetime
