"""Messages of auth's events. They carry the address to write to; the links and codes go
into the email only, never into the in-app notice, which must not hold a secret meant for
the mailbox."""

from __future__ import annotations

from common.events.catalog.auth import (
    EmailVerificationRequested,
    EmailVerified,
    OtpRequested,
    PasswordResetCompleted,
    PasswordResetRequested,
)
from notifications_service.notifications.emails import frontend_link
from notifications_service.notifications.messages import Message
from notifications_service.notifications.services import Addressee, Mail, Notice

AccountEvent = (
    EmailVerificationRequested | EmailVerified | OtpRequested | PasswordResetRequested | PasswordResetCompleted
)


def _to_owner(event: AccountEvent, *, kind: str, title: str, body: str, mail: str, **context: object) -> Message:
    """The account owner's message, mailed to the address the event carries."""
    notice = Notice(user_id=event.user_id, kind=kind, title=title, body=body)
    return Message(notice, Mail(mail, context, to=Addressee(event.email, event.username)))


def verification_requested(event: EmailVerificationRequested) -> Message:
    return _to_owner(
        event,
        kind="verify_email",
        title="Verify your email",
        body=f"We sent a link to {event.email}. Open it to confirm your address.",
        mail="verify_email",
        link=frontend_link("/verify-email", token=event.token),
        expires_at=event.expires_at,
    )


def email_verified(event: EmailVerified) -> Message:
    return _to_owner(
        event,
        kind="email_verified",
        title="Email verified",
        body=f"{event.email} is confirmed. Welcome to Bazaar!",
        mail="welcome",
    )


def one_time_code(event: OtpRequested) -> Message:
    return _to_owner(
        event,
        kind="one_time_code",
        title="Your sign-in code was sent",
        body=f"We emailed a code to {event.email} to confirm a sign-in from a new device. "
        "If it was not you, change your password.",
        mail="one_time_code",
        code=event.code,
        expires_in_minutes=event.expires_in_minutes,
    )


def password_reset_requested(event: PasswordResetRequested) -> Message:
    return _to_owner(
        event,
        kind="forgot_password",
        title="Password reset requested",
        body=f"We emailed a link to reset your password to {event.email}. If you did not ask for it, ignore it.",
        mail="forgot_password",
        link=frontend_link("/reset-password", token=event.token),
        expires_at=event.expires_at,
    )


def password_reset_completed(event: PasswordResetCompleted) -> Message:
    return _to_owner(
        event,
        kind="password_reset_done",
        title="Your password was reset",
        body="Every session was signed out. If you did not reset it, reset it again right away.",
        mail="password_reset_done",
    )
