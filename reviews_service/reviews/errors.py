"""Error codes of the reviews service (clients and tests match on these, not on the text)."""

from __future__ import annotations

from common.api.errors import Conflict, Forbidden, NotFound

ORDER_NOT_FOUND = "order_not_found"
ALREADY_REVIEWED = "already_reviewed"
REVIEW_NOT_FOUND = "review_not_found"
ONLY_REVIEWED_SELLER = "only_reviewed_seller"
ALREADY_REPLIED = "already_replied"


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


class ReviewNotFound(NotFound):
    """404: no review has this id."""

    code = REVIEW_NOT_FOUND
    detail = "No review has this id."


class OnlyReviewedSeller(Forbidden):
    """403: only the seller a buyer's review is about may reply to it (the review itself is public)."""

    code = ONLY_REVIEWED_SELLER
    detail = "Only the seller this buyer's review is about may reply to it."


class AlreadyReplied(Conflict):
    """409: the seller has replied to this review already; a reply is written once."""

    code = ALREADY_REPLIED
    detail = "You have replied to this review already."
