"""Events the auth service publishes."""

from __future__ import annotations

from pydantic import Field

from common.events.base import Event


class UserRegistered(Event):
    """A new account exists (consumers: users creates the buyer profile)."""

    type = "auth.user.registered"

    user_id: int
    username: str = Field(max_length=150)
    email: str = Field(max_length=254)
    country: str = Field(max_length=64)


class EmailVerificationRequested(Event):
    """Send the account's email a verification link carrying ``token``."""

    type = "auth.email_verification.requested"

    user_id: int
    username: str
    email: str
    token: str


class EmailVerified(Event):
    """The account's email address was verified."""

    type = "auth.email.verified"

    user_id: int
    username: str
    email: str


class OtpRequested(Event):
    """Send the account a one-time sign-in code for a new device."""

    type = "auth.otp.requested"

    user_id: int
    username: str
    email: str
    code: str = Field(pattern=r"^\d{6}$")
    expires_in_minutes: int


class PasswordResetRequested(Event):
    """Send the account a password reset link carrying ``token``."""

    type = "auth.password_reset.requested"

    user_id: int
    username: str
    email: str
    token: str


class PasswordResetCompleted(Event):
    """Tell the account its password was reset."""

    type = "auth.password_reset.completed"

    user_id: int
    username: str
    email: str


