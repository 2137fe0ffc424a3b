"""Support decides a dispute the parties could not settle: refund in full, refund in part and complete, or complete.

Staff act from the orders admin; the parties see "Bazaar support" on the timeline and in
their emails, with the note staff wrote, never the staff member's account.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from django.db import transaction

from orders_service.orders import errors, transitions
from orders_service.orders.models import Order
from orders_service.orders.services.announcements import Actor
from orders_service.orders.services.lifecycle import cancel_with_refund, complete
from orders_service.orders.services.locking import locked_order
from orders_service.orders.services.resolution import partially_refund

SUPPORT = Actor(None, "Bazaar support")


class Outcome(StrEnum):
    REFUND = "refund"
    PARTIAL_REFUND = "partial_refund"
    COMPLETE = "complete"


def resolve_by_support(*, order_id: UUID, outcome: Outcome, note: str, amount: Decimal | None = None) -> Order:
    """Carry out support's decision on an open (in progress or delivered) order, with ``note`` for the parties."""
    with transaction.atomic():
        order = locked_order(order_id, None)
        transitions.check(transitions.RESOLVE_BY_SUPPORT, order, None)
        if outcome == Outcome.REFUND:
            return cancel_with_refund(
                order, actor=SUPPORT, cancelled_by_id=order.buyer_id, reason=note, resolution="support"
            )
        if outcome == Outcome.PARTIAL_REFUND:
            if amount is None or not Decimal("0") < amount < order.creditable_price:
                raise errors.refund_too_large(order.creditable_price)
            partially_refund(
                order, amount, actor=SUPPORT, requested_by_id=None, reason=note, resolution="support",
                key=f"refund-{order.pk}-support",
            )  # fmt: skip
        return complete(order, SUPPORT, by_support=True, note=note)
