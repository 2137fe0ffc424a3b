"""Error codes of the users service (clients and tests match on these, not on the text)."""

from __future__ import annotations

from common.api.errors import Conflict, Forbidden, NotFound

BUYER_PROFILE_PENDING = "buyer_profile_pending"
EMAIL_NOT_VERIFIED = "email_not_verified"
ALREADY_A_SELLER = "already_a_seller"
NOT_A_SELLER = "not_a_seller"


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


class EmailNotVerified(Forbidden):
    """403: only an account whose email is verified may become a seller."""

    code = EMAIL_NOT_VERIFIED
    detail = "Verify your email address before becoming a seller."


class AlreadyASeller(Conflict):
    """409: the account has a seller profile already."""

    code = ALREADY_A_SELLER
    detail = "You are a seller already."


class NotASeller(Forbidden):
    """403: the endpoint is for sellers and this account has no seller profile."""

    code = NOT_A_SELLER
    detail = "Only sellers can do this. Become a seller first."


class SellerNotYetCreated(RuntimeError):
    """An event about a seller arrived before the seller profile exists here.

    Raised from an event handler so that the backbone retries the event later.
    """
