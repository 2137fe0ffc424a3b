"""Error codes of the gigs service (clients and tests match on these, not on the text)."""

from __future__ import annotations

from common.api.errors import Conflict, Forbidden, InvalidInput

SELLER_PROFILE_REQUIRED = "seller_profile_required"
GIG_HAS_OPEN_ORDERS = "gig_has_open_orders"
PACKAGE_PRICES_MUST_RISE = "package_prices_must_rise"


class SellerProfileRequired(Forbidden):
    """403: the account has no seller profile here yet (the replica, not the token, decides)."""

    code = SELLER_PROFILE_REQUIRED
    detail = "Only sellers can create gigs. Become a seller first."


class GigHasOpenOrders(Conflict):
    """409: a gig cannot be deleted while orders of it are in progress."""

    code = GIG_HAS_OPEN_ORDERS
    detail = "This gig has open orders; pause it instead, or wait until they are completed or cancelled."


def package_prices_must_rise(standard_price: object) -> InvalidInput:
    """400 naming ``price``: the basic package would cost as much as the standard one or more."""
    message = f"The basic package must cost less than the standard package ({standard_price})."
    return InvalidInput.on("price", message, code=PACKAGE_PRICES_MUST_RISE)
