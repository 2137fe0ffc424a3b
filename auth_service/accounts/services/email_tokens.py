"""Single-use tokens mailed as links (verify the address, reset the password, change the address), stored hashed."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from auth_service.accounts import errors
from auth_service.accounts.models import EmailToken, User
from common.api.errors import InvalidInput


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_email_token(user: User, purpose: str, ttl: timedelta, *, new_email: str = "") -> tuple[str, EmailToken]:
    # A new token supersedes the older ones of the same purpose: only the latest email works.
    now = timezone.now()
    EmailToken.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
    raw = secrets.token_urlsafe(32)
    row = EmailToken.objects.create(
        user=user, purpose=purpose, token_hash=token_hash(raw), expires_at=now + ttl, new_email=new_email
    )
    return raw, row


def consume_email_token(token: str, purpose: str) -> EmailToken:
    """Lock and mark used the token's row; 400 on the ``token`` field when unusable."""
    row = (
        EmailToken.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=token_hash(token), purpose=purpose)
        .first()
    )
    if row is None or row.used_at is not None or not row.user.is_active:
        raise InvalidInput.on("token", "This link is invalid or was already used.", code=errors.INVALID_TOKEN)
    if row.expires_at <= timezone.now():
        raise InvalidInput.on("token", "This link has expired.", code=errors.TOKEN_EXPIRED)
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    return row
