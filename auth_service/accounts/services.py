"""Write use-cases of the accounts app.

Every change that must email someone writes its event to the outbox in the same
transaction (``common.events.outbox.publish``), so a rolled-back change sends nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from auth_service.accounts import errors, throttle
from auth_service.accounts.models import EmailToken, KnownDevice, SigninCode, User
from auth_service.accounts.selectors import find_user_by_identifier, get_active_user, is_known_device
from auth_service.accounts.tokens import TokenPair, issue_token_pair
from common.api.errors import Conflict, InvalidInput
from common.auth import revocation
from common.events.catalog import auth as events
from common.events.outbox import publish
from common.redis import get_redis


@dataclass(frozen=True)
class Session:
    """A signed-in account and its fresh tokens."""

    user: User
    tokens: TokenPair


@dataclass(frozen=True)
class SigninOutcome:
    """``tokens`` is None when a one-time code was sent to confirm a new device."""

    user: User
    tokens: TokenPair | None


# --- helpers -------------------------------------------------------------------------


# Names that are path segments of public URLs (/sellers/me, /sellers/random): an account
# called so would have a profile nobody can open.
RESERVED_USERNAMES = frozenset({"me", "random", "admin", "api", "static", "media"})


def device_hash(device_id: str) -> str:
    return hashlib.sha256(device_id.encode()).hexdigest()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _code_hash(user_id: int, code: str) -> str:
    return salted_hmac("bazaar.auth.signin-code", f"{user_id}:{code}", algorithm="sha256").hexdigest()


def _check_new_password(password: str, user: User, field: str) -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise InvalidInput(
            f"{field}: the password is too weak.", code=errors.WEAK_PASSWORD, fields={field: list(exc.messages)}
        ) from None


def _remember_device(user: User, device_id: str | None) -> None:
    if not device_id:
        return
    now = timezone.now()
    KnownDevice.objects.update_or_create(
        user=user,
        device_hash=device_hash(device_id),
        defaults={"last_seen_at": now},
        create_defaults={"first_seen_at": now, "last_seen_at": now},
    )


def _issue_email_token(user: User, purpose: str, ttl: timedelta) -> tuple[str, EmailToken]:
    # A new token supersedes the older ones of the same purpose: only the latest email works.
    now = timezone.now()
    EmailToken.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
    raw = secrets.token_urlsafe(32)
    row = EmailToken.objects.create(user=user, purpose=purpose, token_hash=_token_hash(raw), expires_at=now + ttl)
    return raw, row


def _request_email_verification(user: User) -> None:
    token, row = _issue_email_token(
        user, EmailToken.Purpose.VERIFY_EMAIL, timedelta(hours=settings.EMAIL_VERIFICATION_TTL_HOURS)
    )
    publish(
        events.EmailVerificationRequested(
            user_id=user.pk, username=user.username, email=user.email, token=token, expires_at=row.expires_at
        )
    )


def _consume_email_token(token: str, purpose: str) -> EmailToken:
    """Lock and mark used the token's row; 400 on the ``token`` field when unusable."""
    row = (
        EmailToken.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=_token_hash(token), purpose=purpose)
        .first()
    )
    if row is None or row.used_at is not None or not row.user.is_active:
        raise InvalidInput.on("token", "This link is invalid or was already used.", code=errors.INVALID_TOKEN)
    if row.expires_at <= timezone.now():
        raise InvalidInput.on("token", "This link has expired.", code=errors.TOKEN_EXPIRED)
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    return row


def _blacklist_all_refresh_tokens(user: User, *, keep_jti: str | None = None) -> None:
    live = OutstandingToken.objects.filter(user=user, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True)
    if keep_jti:
        live = live.exclude(jti=keep_jti)
    BlacklistedToken.objects.bulk_create([BlacklistedToken(token=token) for token in live], ignore_conflicts=True)


# --- sign up, sign in ----------------------------------------------------------------


def sign_up(*, username: str, email: str, password: str, country: str, device_id: str | None) -> Session:
    """Create the account, remember its device, ask for email verification, sign it in."""
    if username.lower() in RESERVED_USERNAMES:
        raise InvalidInput.on("username", "This username is reserved.", code=errors.USERNAME_RESERVED)
    taken: dict[str, list[str]] = {}
    if User.objects.filter(username__iexact=username).exists():
        taken["username"] = ["This username is taken."]
    if User.objects.filter(email__iexact=email).exists():
        taken["email"] = ["An account with this email already exists."]
    if taken:
        code = errors.USERNAME_TAKEN if "username" in taken else errors.EMAIL_TAKEN
        raise InvalidInput(f"{', '.join(taken)}: already taken.", code=code, fields=taken)
    user = User(username=username, email=User.objects.normalize_email(email), country=country)
    _check_new_password(password, user, "password")
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            _remember_device(user, device_id)
            publish(
                events.UserRegistered(user_id=user.pk, username=user.username, email=user.email, country=user.country)
            )
            _request_email_verification(user)
            return Session(user=user, tokens=issue_token_pair(user))
    except IntegrityError as exc:
        # Lost a race with a concurrent signup of the same name or address.
        field = "username" if "username" in str(exc) else "email"
        code = errors.USERNAME_TAKEN if field == "username" else errors.EMAIL_TAKEN
        raise InvalidInput.on(field, "Already taken.", code=code) from None


def _account_key(user: User | None, identifier: str) -> str:
    # Username and email of one account share a counter.
    return f"user:{user.pk}" if user else f"identifier:{identifier.strip().lower()}"


def sign_in(*, identifier: str, password: str, device_id: str | None, client_ip: str) -> SigninOutcome:
    """Check the password; from an unknown device, send a one-time code instead of tokens.

    A sign-in without a device id (an API client that keeps no device cookie) is treated
    as coming from a known device: no code is demanded.
    """
    user = find_user_by_identifier(identifier)
    keys = throttle.attempt_keys("signin", account=_account_key(user, identifier), client_ip=client_ip)
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
        _remember_device(user, device_id)
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
    keys = throttle.attempt_keys("otp", account=_account_key(user, identifier), client_ip=client_ip)
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
        _remember_device(signin_code.user, device_id)
        User.objects.filter(pk=signin_code.user_id).update(last_login=timezone.now())
        return Session(user=signin_code.user, tokens=issue_token_pair(signin_code.user))


# --- tokens --------------------------------------------------------------------------


def refresh_session(*, refresh: str) -> Session:
    """Rotate: blacklist the presented refresh token and mint a new pair with the user's current claims."""
    try:
        token = RefreshToken(refresh)  # signature, exp, iss, aud, type and blacklist
    except TokenError:
        raise errors.InvalidRefreshToken() from None
    with transaction.atomic():
        # The row lock makes two concurrent refreshes with one token mint only one pair.
        outstanding = OutstandingToken.objects.select_for_update().filter(jti=token["jti"]).order_by().first()
        if outstanding is None or BlacklistedToken.objects.filter(token=outstanding).exists():
            raise errors.InvalidRefreshToken()
        user = User.objects.filter(pk=token.get("user_id"), is_active=True).first()
        if user is None:
            raise errors.InvalidRefreshToken()
        BlacklistedToken.objects.create(token=outstanding)
        return Session(user=user, tokens=issue_token_pair(user, sid=token.get("sid")))


def _own_refresh_jti(refresh: str | None, user_id: int) -> str | None:
    """The ``jti`` of a valid refresh token of ``user_id``; None for a missing or foreign one."""
    if not refresh:
        return None
    try:
        token = RefreshToken(refresh)
    except TokenError:
        return None
    return str(token["jti"]) if str(token.get("user_id")) == str(user_id) else None


def _access_seconds() -> int:
    return int(settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds())


def _end_sessions(user_id: int, *, keep_sid: str = "") -> None:
    """A new token epoch: every access token of the user issued until now is refused (but ``keep_sid``'s)
    and every gateway closes the user's live connections opened with one.

    Called inside a transaction (the admin's), the epoch is written again when it commits:
    until then a sign-in still sees the old password or the active account.
    """

    def write() -> None:
        revocation.new_epoch(get_redis(), user_id=user_id, access_seconds=_access_seconds(), keep_sid=keep_sid)

    write()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(write)


def sign_out(*, user_id: int, access: dict[str, Any], refresh: str | None) -> None:
    """End this session: its access tokens everywhere at once (and its live connections), its refresh token.

    ``access`` are the claims of the access token that asked. A missing, invalid or foreign
    refresh token is ignored: signing out always succeeds for the signed-in user, and nobody
    can blacklist another user's session.
    """
    get_active_user(user_id)
    revocation.sign_out(get_redis(), user_id=user_id, claims=access, access_seconds=_access_seconds())
    jti = _own_refresh_jti(refresh, user_id)
    if jti is None:
        return
    with transaction.atomic():
        outstanding = OutstandingToken.objects.select_for_update().filter(jti=jti).order_by().first()
        if outstanding is not None:
            BlacklistedToken.objects.get_or_create(token=outstanding)


def deactivate_account(*, user_id: int) -> None:
    """Staff closed the account: it cannot sign in or refresh, and every session ends now.

    The one path of the admin's form, its bulk action and its deletions.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if user.is_active:
            User.objects.filter(pk=user_id).update(is_active=False)
        _blacklist_all_refresh_tokens(user)
    _end_sessions(user_id)


def sign_out_everywhere(*, user_id: int) -> None:
    """Every session of the account ends now (staff set a new password in the admin)."""
    with transaction.atomic():
        _blacklist_all_refresh_tokens(User.objects.get(pk=user_id))
    _end_sessions(user_id)


# --- seller ------------------------------------------------------------------------------


class AccountNotFound(RuntimeError):
    """An event names an account this service does not have; raised so that the event is retried.

    Cannot happen for a live account (the users service learned the id from auth's own
    event); a deleted one ends in ``auth.events.dead`` for an operator to look at.
    """


def mark_seller(*, user_id: int) -> None:
    """The account became a seller: the next token minted for it (refresh, sign-in) says so."""
    if not User.objects.filter(pk=user_id).update(is_seller=True):
        raise AccountNotFound(f"no account {user_id}")


# --- email verification ----------------------------------------------------------------


def verify_email(*, token: str) -> User:
    with transaction.atomic():
        user = _consume_email_token(token, EmailToken.Purpose.VERIFY_EMAIL).user
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
        _request_email_verification(user)


# --- passwords -----------------------------------------------------------------------


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
        token, row = _issue_email_token(
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
        row = _consume_email_token(token, EmailToken.Purpose.RESET_PASSWORD)
        user = row.user
        _check_new_password(password, user, "password")
        user.set_password(password)
        user.save(update_fields=["password"])
        _blacklist_all_refresh_tokens(user)
        publish(events.PasswordResetCompleted(user_id=user.pk, username=user.username, email=user.email))
    _end_sessions(user.pk)
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
    keys = throttle.attempt_keys("signin", account=_account_key(user, ""), client_ip=client_ip)
    throttle.ensure_allowed(keys)
    if not user.check_password(current_password):
        throttle.record_attempt(keys)
        raise InvalidInput.on("current_password", "The current password is incorrect.", code=errors.WRONG_PASSWORD)
    _check_new_password(new_password, user, "new_password")
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        _blacklist_all_refresh_tokens(user, keep_jti=_own_refresh_jti(keep_refresh, user_id))
    _end_sessions(user_id, keep_sid=keep_sid)


# --- housekeeping --------------------------------------------------------------------


def purge_expired_tokens() -> dict[str, int]:
    """Delete expired refresh-token records (and their blacklist rows), codes and email tokens.

    The refresh part is simplejwt's ``flushexpiredtokens``; a blacklisted token can be
    forgotten once expired, because an expired token is refused anyway.
    """
    now = timezone.now()
    with transaction.atomic():
        refresh, _ = OutstandingToken.objects.filter(expires_at__lte=now).delete()
        codes, _ = SigninCode.objects.filter(expires_at__lte=now).delete()
        email_tokens, _ = EmailToken.objects.filter(expires_at__lte=now).delete()
    return {"refresh_tokens": refresh, "signin_codes": codes, "email_tokens": email_tokens}
