"""Erasing a deleted account's profiles (``auth.user.deleted``)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.db import transaction

from common.api import images
from users_service.profiles.models import BuyerProfile, DeletedAccount


def erase_deleted_account(*, user_id: int, deleted_at: datetime) -> None:
    """Delete the buyer and seller profiles (and with them the public pages) and remember the account is gone."""
    with transaction.atomic():
        DeletedAccount.objects.get_or_create(user_id=user_id, defaults={"deleted_at": deleted_at})
        profiles = BuyerProfile.objects.filter(user_id=user_id)
        pictures = [name for name in profiles.values_list("avatar", flat=True) if name]
        # The seller profile goes with the buyer profile (CASCADE); the picture once that committed.
        profiles.delete()
        for name in pictures:
            transaction.on_commit(partial(images.delete, name))


def is_deleted(user_id: int) -> bool:
    """True for an account deleted here: an event about it that finds no profile has nothing to change."""
    return DeletedAccount.objects.filter(user_id=user_id).exists()
