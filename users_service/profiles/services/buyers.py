"""Write use-cases of buyer profiles: those of the event handlers, and the owner's profile picture.

The handlers' run inside the handler's transaction (``common.events.handlers.apply``), which
also writes the inbox row; their own ``transaction.atomic()`` keeps them safe to call elsewhere.
"""

from __future__ import annotations

from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from common.api import images
from users_service.profiles.avatars import AVATAR
from users_service.profiles.errors import BuyerProfilePending, ProfileNotYetCreated
from users_service.profiles.models import BuyerProfile
from users_service.profiles.services.deletion import is_deleted


def create_buyer_profile(
    *, user_id: int, username: str, email: str, country: str, registered_at: datetime
) -> BuyerProfile:
    """The account's buyer profile, created unless one already exists for ``user_id``.

    An existing profile is left as it is: a second registration event for the same account
    (a replay, or a redelivery under another event id) must not overwrite newer data such
    as a verified email.
    """
    with transaction.atomic():
        profile, _ = BuyerProfile.objects.get_or_create(
            user_id=user_id,
            defaults={"username": username, "email": email, "country": country, "created_at": registered_at},
        )
        return profile


def mark_email_verified(*, user_id: int, email: str) -> BuyerProfile | None:
    """Record that the account verified ``email`` (the address it verified becomes the profile's).

    Raises ``ProfileNotYetCreated`` when the registration event has not been applied yet;
    does nothing for a deleted account.
    """
    with transaction.atomic():
        profile = BuyerProfile.objects.select_for_update().filter(user_id=user_id).first()
        if profile is None and is_deleted(user_id):
            return None
        if profile is None:
            raise ProfileNotYetCreated(f"no buyer profile for user {user_id} yet")
        profile.email = email
        profile.email_verified = True
        profile.save(update_fields=["email", "email_verified", "updated_at"])
        return profile


def set_avatar(*, user_id: int, upload: UploadedFile) -> BuyerProfile:
    """Check and store ``upload`` as the account's profile picture, replacing any earlier one.

    The file is stored before the transaction and removed again if it rolls back; the
    replaced file is removed only after the commit.
    """
    name = images.store(images.check(upload, AVATAR), AVATAR)
    try:
        with transaction.atomic():
            profile = _own_profile_for_update(user_id)
            old = profile.avatar.name
            profile.avatar = name
            profile.save(update_fields=["avatar", "updated_at"])
            transaction.on_commit(lambda: images.delete(old))
    except BaseException:
        images.delete(name)
        raise
    return profile


def remove_avatar(*, user_id: int) -> BuyerProfile:
    """Remove the account's profile picture (nothing to remove is no error)."""
    with transaction.atomic():
        profile = _own_profile_for_update(user_id)
        old = profile.avatar.name
        if old:
            profile.avatar = ""
            profile.save(update_fields=["avatar", "updated_at"])
            transaction.on_commit(lambda: images.delete(old))
    return profile


def _own_profile_for_update(user_id: int) -> BuyerProfile:
    """The signed-in account's profile, locked; ``BuyerProfilePending`` while its registration is in flight."""
    profile = BuyerProfile.objects.select_for_update().filter(user_id=user_id).first()
    if profile is None:
        raise BuyerProfilePending()
    return profile
