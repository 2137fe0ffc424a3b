"""Read use-cases of seller profiles."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import Lower

from common.api.errors import NotFound
from users_service.profiles.errors import NotASeller
from users_service.profiles.models import SellerProfile


def sellers() -> QuerySet[SellerProfile]:
    """Seller profiles with their buyer row (username, country, member since) joined."""
    return SellerProfile.objects.select_related("buyer")


def get_own_seller_profile(*, user_id: int) -> SellerProfile:
    """The signed-in account's seller profile; ``NotASeller`` when it has none.

    Read from this database, not from the token: right after becoming a seller the token
    still says otherwise until it is refreshed.
    """
    seller = sellers().filter(pk=user_id).first()
    if seller is None:
        raise NotASeller()
    return seller


def get_seller_by_username(*, username: str) -> SellerProfile:
    """The seller whose username matches regardless of case; 404 when none."""
    # lower(username) = ... uses the buyers' unique index on lower(username) (iexact would not).
    seller = sellers().alias(username_lower=Lower("buyer__username")).filter(username_lower=username.lower()).first()
    if seller is None:
        raise NotFound("No seller has this username.")
    return seller
