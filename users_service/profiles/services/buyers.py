"""Write use-cases of buyer profiles, called by the event handlers.

Each runs inside the handler's transaction (``common.events.handlers.apply``), which also
writes the inbox row; their own ``transaction.atomic()`` keeps them safe to call elsewhere.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from users_service.profiles.errors import ProfileNotYetCreated
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
