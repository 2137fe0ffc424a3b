"""Events the orders service publishes.

Every order event carries the order's parties, gig, price and status after the change,
so a consumer (seller stats, the gig's open-order count, emails, the real-time push)
needs nothing else.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import Field

from common.events.base import Event
from common.events.catalog.money import Money, Username

ORDER_STATUS = r"^(in_progress|delivered|completed|cancelled)$"
# How a cancellation or refund came about: one party alone, both agreeing, the other party's
# silence until the request's deadline, or Bazaar's support deciding a dispute.
RESOLUTION = r"^(alone|agreed|expired|support)$"
REQUEST_KIND = r"^(cancel|partial_refund)$"


class OrderEvent(Event):
    """The order as it is after the change described by the event type."""

    order_id: UUID
    gig_id: int
    gig_title: str = Field(max_length=120)
    buyer_id: int
    buyer_username: Username
    seller_id: int
    seller_username: Username
    status: str = Field(pattern=ORDER_STATUS)
    price: Money
    service_fee: Money
    total: Money
    due_at: datetime
    occurred_at: datetime


class OrderPlaced(OrderEvent):
    """A paid order was placed; the seller's work starts (status ``in_progress``).

    ``package`` is the gig's package bought (empty for an accepted offer), ``revisions`` the
    revisions it includes (None: unlimited); both optional, so v1 holds.
    """

    type = "orders.order.placed"

    package: str = Field(default="", pattern=r"^(basic|standard|premium)?$")
    revisions: int | None = Field(default=None, ge=0, le=99)


class OrderDelivered(OrderEvent):
    """The seller delivered work (status ``delivered``); may happen again after a revision."""

    type = "orders.order.delivered"

    message: str = Field(max_length=5000)


class OrderRevisionRequested(OrderEvent):
    """The buyer asked for changes to a delivery (back to ``in_progress``)."""

    type = "orders.order.revision_requested"

    message: str = Field(max_length=5000)


class OrderCompleted(OrderEvent):
    """The buyer approved (or the approval window ran out): the seller is credited ``seller_earnings``."""

    type = "orders.order.completed"

    seller_earnings: Money
    auto_completed: bool
    # Support completed a disputed order (in full, or after a partial refund to the buyer),
    # with ``support_note`` telling the parties why.
    by_support: bool = False
    support_note: str = Field(default="", max_length=2000)


class OrderCancelled(OrderEvent):
    """The order was cancelled and ``refunded`` (what was left of the total) returned to the buyer.

    ``cancelled_by_id`` is the party who asked for it (when support decided, the buyer, to
    whom the money goes); ``resolution`` says how it came about.
    """

    type = "orders.order.cancelled"

    cancelled_by_id: int
    reason: str = Field(max_length=2000)
    refunded: Money
    resolution: str = Field(default="alone", pattern=RESOLUTION)


class OrderResolutionRequested(OrderEvent):
    """A party asked the other to cancel (``cancel``) or to agree a ``partial_refund`` of ``amount``.

    The other party accepts or declines before ``expires_at``; silence accepts.
    """

    type = "orders.order.resolution_requested"

    kind: str = Field(pattern=REQUEST_KIND)
    amount: Money
    reason: str = Field(max_length=2000)
    requested_by_id: int
    expires_at: datetime


class OrderResolutionDeclined(OrderEvent):
    """The other party declined the request of ``requested_by_id``; the order goes on as it was."""

    type = "orders.order.resolution_declined"

    kind: str = Field(pattern=REQUEST_KIND)
    amount: Money
    requested_by_id: int
    answer: str = Field(default="", max_length=2000)


class OrderPartiallyRefunded(OrderEvent):
    """``amount`` of the price went back to the buyer (``refunded`` in all so far); the order goes on.

    The seller is later credited on the price less what was refunded.
    """

    type = "orders.order.partially_refunded"

    amount: Money
    refunded: Money
    requested_by_id: int | None
    reason: str = Field(max_length=2000)
    resolution: str = Field(pattern=RESOLUTION)


class OrderExtensionRequested(OrderEvent):
    """The seller asked to move the due date by ``extra_days``."""

    type = "orders.order.extension_requested"

    extra_days: int = Field(ge=1, le=365)
    reason: str = Field(max_length=2000)


class OrderExtensionApproved(OrderEvent):
    """The buyer approved the extension; ``due_at`` is the new due date."""

    type = "orders.order.extension_approved"

    extra_days: int = Field(ge=1, le=365)


class OrderExtensionRejected(OrderEvent):
    """The buyer rejected the extension; the due date stays."""

    type = "orders.order.extension_rejected"

    extra_days: int = Field(ge=1, le=365)


class PayoutEvent(Event):
    """A seller's withdrawal of available earnings to their payout account, as it ended."""

    withdrawal_id: UUID
    seller_id: int
    seller_username: Username
    amount: Money
    currency: str = Field(pattern=r"^[a-z]{3}$")
    # What the seller has available to withdraw after it (a failed withdrawal's amount is back).
    available: Money
    occurred_at: datetime


class PayoutWithdrawn(PayoutEvent):
    """The provider transferred ``amount`` to the seller's payout account (``transfer_id``)."""

    type = "orders.payout.withdrawn"

    transfer_id: str = Field(max_length=255)


class PayoutFailed(PayoutEvent):
    """The provider refused the transfer of ``amount`` (``reason``); it is available again."""

    type = "orders.payout.failed"

    reason: str = Field(max_length=500)
