"""Minting the token pair. Only this service holds the private key that signs them."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from auth_service.accounts.models import User
from common.auth.revocation import now_us


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str
    access_expires_at: datetime


def access_claims(user: User) -> dict[str, object]:
    """What every service learns about the user from an access token (see ``ClaimsUser``)."""
    return {
        "user_id": user.pk,
        "username": user.username,
        "email": user.email,
        "is_seller": user.is_seller,
        "is_staff": user.is_staff,
        "email_verified": user.email_verified,
    }


def issue_token_pair(user: User, sid: str | None = None) -> TokenPair:
    """A new refresh token (recorded as outstanding) and an access token with the user's current claims.

    ``sid`` names the sign-in session: new at sign-in, carried over by every refresh, so that
    signing out can end every access token of the session. ``iat_us`` says when, to the
    microsecond, for the user's token epoch (``common.auth.revocation``).
    """
    refresh = RefreshToken()
    refresh["user_id"] = user.pk
    refresh["sid"] = sid or uuid.uuid4().hex
    access = refresh.access_token  # copies user_id and sid
    for claim, value in access_claims(user).items():
        access[claim] = value
    access["iat_us"] = now_us()
    encoded_refresh = str(refresh)
    OutstandingToken.objects.create(
        user=user,
        jti=refresh["jti"],
        # Only a fingerprint: a copy of this table must not hold usable refresh tokens.
        token="sha256:" + hashlib.sha256(encoded_refresh.encode()).hexdigest(),
        created_at=refresh.current_time,
        expires_at=datetime_from_epoch(refresh["exp"]),
    )
    return TokenPair(access=str(access), refresh=encoded_refresh, access_expires_at=datetime_from_epoch(access["exp"]))
