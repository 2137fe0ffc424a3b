"""Sessions: refreshing, signing out, and ending every session of an account at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from auth_service.accounts import errors
from auth_service.accounts.models import User
from auth_service.accounts.selectors import get_active_user
from auth_service.accounts.tokens import TokenPair, issue_token_pair
from common.auth import revocation
from common.redis import get_redis


@dataclass(frozen=True)
class Session:
    """A signed-in account and its fresh tokens."""

    user: User
    tokens: TokenPair


def refresh_session(*, refresh: str) -> Session:
    """Rotate: blacklist the presented refresh token and mint a new pair with the user's current claims."""
    try:
        # simplejwt annotates its argument as a Token; it takes the encoded token, as here.
        token = RefreshToken(refresh)  # type: ignore[arg-type]  # signature, exp, iss, aud, type and blacklist
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


def sign_out(*, user_id: int, access: dict[str, Any], refresh: str | None) -> None:
    """End this session: its access tokens everywhere at once (and its live connections), its refresh token.

    ``access`` are the claims of the access token that asked. A missing, invalid or foreign
    refresh token is ignored: signing out always succeeds for the signed-in user, and nobody
    can blacklist another user's session.
    """
    get_active_user(user_id)
    revocation.sign_out(get_redis(), user_id=user_id, claims=access, access_seconds=access_seconds())
    jti = own_refresh_jti(refresh, user_id)
    if jti is None:
        return
    with transaction.atomic():
        outstanding = OutstandingToken.objects.select_for_update().filter(jti=jti).order_by().first()
        if outstanding is not None:
            BlacklistedToken.objects.get_or_create(token=outstanding)


def own_refresh_jti(refresh: str | None, user_id: int) -> str | None:
    """The ``jti`` of a valid refresh token of ``user_id``; None for a missing or foreign one."""
    if not refresh:
        return None
    try:
        token = RefreshToken(refresh)  # type: ignore[arg-type]  # the encoded token (see refresh_session)
    except TokenError:
        return None
    return str(token["jti"]) if str(token.get("user_id")) == str(user_id) else None


def access_seconds() -> int:
    return int(settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds())


def end_sessions(user_id: int, *, keep_sid: str = "") -> None:
    """A new token epoch: every access token of the user issued until now is refused (but ``keep_sid``'s)
    and every gateway closes the user's live connections opened with one.

    Called inside a transaction (the admin's), the epoch is written again when it commits:
    until then a sign-in still sees the old password or the active account.
    """

    def write() -> None:
        revocation.new_epoch(get_redis(), user_id=user_id, access_seconds=access_seconds(), keep_sid=keep_sid)

    write()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(write)


def blacklist_all_refresh_tokens(user: User, *, keep_jti: str | None = None) -> None:
    live = OutstandingToken.objects.filter(user=user, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True)
    if keep_jti:
        live = live.exclude(jti=keep_jti)
    BlacklistedToken.objects.bulk_create([BlacklistedToken(token=token) for token in live], ignore_conflicts=True)
