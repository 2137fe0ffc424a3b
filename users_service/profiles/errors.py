"""Error codes of the users service (clients and tests match on these, not on the text)."""

from __future__ import annotations

from common.api.errors import NotFound

BUYER_PROFILE_PENDING = "buyer_profile_pending"


class BuyerProfilePending(NotFound):
    """404 for a signed-in account whose ``auth.user.registered`` event has not been applied yet.

    Only a moment after signing up: the client retries after ``retry_after`` seconds.
    """

    code = BUYER_PROFILE_PENDING
    detail = "Your buyer profile is being created. Try again in a moment."
    retry_after = 1


class ProfileNotYetCreated(RuntimeError):
    """An event about an account arrived before the event that creates its profile.

    Raised from an event handler so that the backbone retries the event later.
    """
