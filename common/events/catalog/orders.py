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
    """A paid order was placed; the seller's work starts (status ``in_progress``)."""

    type = "orders.order.placed"


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


class OrderCancelled(OrderEvent):
    """The order was cancelled and ``refunded`` returned to the buyer."""

    type = "orders.order.cancelled"

    cancelled_by_id: int
    reason: str = Field(max_length=2000)
    refunded: Money


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
