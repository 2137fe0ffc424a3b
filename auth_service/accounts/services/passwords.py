"""Passwords: forgotten (a reset link), reset from it, changed by the signed-in owner."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone

from auth_service.accounts import errors, throttle
from auth_service.accounts.models import EmailToken, User
from auth_service.accounts.selectors import get_active_user
from auth_service.accounts.services.email_tokens import consume_email_token, issue_email_token
from auth_service.accounts.services.sessions import blacklist_all_refresh_tokens, end_sessions, own_refresh_jti
from common.api.errors import InvalidInput
from common.events.catalog import auth as events
from common.events.outbox import publish


def request_password_reset(*, email: str, client_ip: str) -> None:
    """Email a reset link if the account exists; the caller cannot tell whether it does.

    Every request counts against the limits, so this cannot be used to flood a mailbox.
    """
    keys = throttle.attempt_keys("forgot", account=f"email:{email.strip().lower()}", client_ip=client_ip)
    throttle.ensure_allowed(keys)
    throttle.record_attempt(keys)
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    with transaction.atomic():
        token, row = issue_email_token(
            user, EmailToken.Purpose.RESET_PASSWORD, timedelta(minutes=settings.PASSWORD_RESET_TTL_MINUTES)
        )
        publish(
            events.PasswordResetRequested(
                user_id=user.pk, username=user.username, email=user.email, token=token, expires_at=row.expires_at
            )
        )


def reset_password(*, token: str, password: str) -> User:
    """Set a new password from a reset link and sign every session of the account out."""
    with transaction.atomic():
        row = consume_email_token(token, EmailToken.Purpose.RESET_PASSWORD)
        user = row.user
        check_new_password(password, user, "password")
        user.set_password(password)
        user.save(update_fields=["password"])
        blacklist_all_refresh_tokens(user)
        publish(events.PasswordResetCompleted(user_id=user.pk, username=user.username, email=user.email))
    end_sessions(user.pk)
    return user


def change_password(
    *,
    user_id: int,
    current_password: str,
    new_password: str,
    keep_refresh: str | None,
    keep_sid: str = "",
    client_ip: str,
) -> None:
    """Replace the password after checking the current one (wrong guesses count as failures).

    Every other session is signed out: all the user's refresh tokens are blacklisted but
    ``keep_refresh``, and a new token epoch refuses every access token issued until now
    but those of ``keep_sid``: both are the session that made the change.
    """
    user = get_active_user(user_id)
    check_current_password(user, current_password, client_ip=client_ip)
    check_new_password(new_password, user, "new_password")
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        blacklist_all_refresh_tokens(user, keep_jti=own_refresh_jti(keep_refresh, user_id))
        publish(
            events.PasswordChanged(user_id=user.pk, username=user.username, email=user.email, changed_at=timezone.now())
        )
    end_sessions(user_id, keep_sid=keep_sid)


def check_current_password(user: User, password: str, *, client_ip: str) -> None:
    """400 on ``current_password`` when wrong; wrong guesses count against the sign-in limits (429)."""
    keys = throttle.attempt_keys("signin", account=throttle.account_key(user, ""), client_ip=client_ip)
    throttle.ensure_allowed(keys)
    if not user.check_password(password):
        throttle.record_attempt(keys)
        raise InvalidInput.on("current_password", "The current password is incorrect.", code=errors.WRONG_PASSWORD)


def check_new_password(password: str, user: User, field: str) -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise InvalidInput(
            f"{field}: the password is too weak.", code=errors.WEAK_PASSWORD, fields={field: list(exc.messages)}
        ) from None
