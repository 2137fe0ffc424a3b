"""Signing in: the password, and from a new device a one-time code mailed to the owner."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from auth_service.accounts import errors, throttle
from auth_service.accounts.models import SigninCode, User
from auth_service.accounts.selectors import find_user_by_identifier, is_known_device
from auth_service.accounts.services.devices import device_hash, remember_device
from auth_service.accounts.services.sessions import Session
from auth_service.accounts.tokens import TokenPair, issue_token_pair
from common.events.catalog import auth as events
from common.events.outbox import publish


@dataclass(frozen=True)
class SigninOutcome:
    """``tokens`` is None when a one-time code was sent to confirm a new device."""

    user: User
    tokens: TokenPair | None


def sign_in(*, identifier: str, password: str, device_id: str | None, client_ip: str) -> SigninOutcome:
    """Check the password; from an unknown device, send a one-time code instead of tokens.

    A sign-in without a device id (an API client that keeps no device cookie) is treated
    as coming from a known device: no code is demanded.
    """
    user = find_user_by_identifier(identifier)
    keys = throttle.attempt_keys("signin", account=throttle.account_key(user, identifier), client_ip=client_ip)
    throttle.ensure_allowed(keys)
    if user is None:
        make_password(password)  # same work as a real check: no timing difference for unknown accounts
        ok = False
    else:
        ok = user.check_password(password) and user.is_active
    if user is None or not ok:
        throttle.record_attempt(keys)
        raise errors.InvalidCredentials()
    with transaction.atomic():
        if device_id and not is_known_device(user, device_hash(device_id)):
            _send_signin_code(user, device_hash(device_id))
            return SigninOutcome(user=user, tokens=None)
        remember_device(user, device_id)
        User.objects.filter(pk=user.pk).update(last_login=timezone.now())
        return SigninOutcome(user=user, tokens=issue_token_pair(user))


def _send_signin_code(user: User, device: str) -> None:
    now = timezone.now()
    SigninCode.objects.filter(user=user, device_hash=device, used_at__isnull=True).update(used_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    ttl = settings.OTP_TTL_MINUTES
    SigninCode.objects.create(
        user=user, device_hash=device, code_hash=_code_hash(user.pk, code), expires_at=now + timedelta(minutes=ttl)
    )
    publish(
        events.OtpRequested(
            user_id=user.pk, username=user.username, email=user.email, code=code, expires_in_minutes=ttl
        )
    )


def verify_signin_code(*, identifier: str, code: str, device_id: str | None, client_ip: str) -> Session:
    """Exchange the one-time code sent to this device for tokens; the device becomes known."""
    user = find_user_by_identifier(identifier)
    keys = throttle.attempt_keys("otp", account=throttle.account_key(user, identifier), client_ip=client_ip)
    throttle.ensure_allowed(keys)
    with transaction.atomic():
        signin_code = None
        if user is not None and user.is_active and device_id:
            signin_code = (
                SigninCode.objects.select_for_update()
                .filter(
                    user=user, device_hash=device_hash(device_id), used_at__isnull=True, expires_at__gt=timezone.now()
                )
                .order_by("-created_at")
                .first()
            )
        if signin_code is None or not constant_time_compare(
            signin_code.code_hash, _code_hash(signin_code.user_id, code)
        ):
            throttle.record_attempt(keys)
            raise errors.invalid_code()
        signin_code.used_at = timezone.now()
        signin_code.save(update_fields=["used_at"])
        remember_device(signin_code.user, device_id)
        User.objects.filter(pk=signin_code.user_id).update(last_login=timezone.now())
        return Session(user=signin_code.user, tokens=issue_token_pair(signin_code.user))


def _code_hash(user_id: int, code: str) -> str:
    return salted_hmac("bazaar.auth.signin-code", f"{user_id}:{code}", algorithm="sha256").hexdigest()
