"""Forgetting what has expired: refresh-token records, one-time codes, email tokens."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from auth_service.accounts.models import EmailToken, SigninCode


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
