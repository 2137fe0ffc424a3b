"""Error codes of the reviews service (clients and tests match on these, not on the text)."""

from __future__ import annotations

from common.api.errors import Conflict, NotFound

ORDER_NOT_FOUND = "order_not_found"
ALREADY_REVIEWED = "already_reviewed"


class OrderNotFound(NotFound):
    """404: no completed order with this id that the caller is a party of.

    The same answer for an order of someone else, an order that is not completed and one
    whose ``orders.order.completed`` event is still on its way: the reviews service cannot
    tell the last two apart, and must not tell the first from them. ``Retry-After`` tells a
    party who has just approved the order when to ask again.
    """

    code = ORDER_NOT_FOUND
    detail = "No completed order of yours has this id. An order completed a moment ago may take a second to arrive."
    retry_after = 1


class AlreadyReviewed(Conflict):
    """409: this side of the order has reviewed it already."""

    code = ALREADY_REVIEWED
    detail = "You have reviewed this order already."
