"""What staff do to an account in the admin: close it, or end its sessions after setting a password."""

from __future__ import annotations

from django.db import transaction

from auth_service.accounts.models import User
from auth_service.accounts.services.sessions import blacklist_all_refresh_tokens, end_sessions


def deactivate_account(*, user_id: int) -> None:
    """Staff closed the account: it cannot sign in or refresh, and every session ends now.

    The one path of the admin's form, its bulk action and its deletions.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if user.is_active:
            User.objects.filter(pk=user_id).update(is_active=False)
        blacklist_all_refresh_tokens(user)
    end_sessions(user_id)


def sign_out_everywhere(*, user_id: int) -> None:
    """Every session of the account ends now (staff set a new password in the admin)."""
    with transaction.atomic():
        blacklist_all_refresh_tokens(User.objects.get(pk=user_id))
    end_sessions(user_id)
