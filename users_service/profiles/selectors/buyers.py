"""Read use-cases of buyer profiles."""

from __future__ import annotations

from common.api.errors import NotFound
from users_service.profiles.errors import BuyerProfilePending
from users_service.profiles.models import BuyerProfile


def get_own_buyer_profile(*, user_id: int) -> BuyerProfile:
    """The signed-in account's profile; ``BuyerProfilePending`` while its registration is in flight.

    A valid token proves the account exists in auth, so a missing profile here means the
    registration event has not been applied yet, not that the account is unknown.
    """
    profile = BuyerProfile.objects.filter(user_id=user_id).first()
    if profile is None:
        raise BuyerProfilePending()
    return profile


def get_buyer_profile_by_username(*, username: str) -> BuyerProfile:
    """The profile whose username matches regardless of case; 404 when none."""
    profile = BuyerProfile.objects.filter(username__iexact=username).first()
    if profile is None:
        raise NotFound("No buyer has this username.")
    return profile
