"""The order's state machine: every action, who may take it and from which states.

Every write use-case of a party asks :func:`check` before changing anything, so an
impossible action is refused in one place (403 for the wrong party, 409 for the wrong
state); support's decision in the admin asks it too. The system's auto-completion of
delivered orders and acceptance of unanswered requests check the state under their lock
and skip an order that moved on instead (``services.lifecycle``, ``services.resolution``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from orders_service.orders import errors
from orders_service.orders.models import Order

S = Order.Status
BUYER, SELLER, PARTY, SUPPORT = "buyer", "seller", "party", "support"


@dataclass(frozen=True)
class Transition:
    """``actor`` may take ``action`` from ``sources``; the order ends in ``target`` (None: unchanged)."""

    action: str
    actor: str
    sources: frozenset[str]
    target: str | None


def _t(action: str, actor: str, sources: set[str], target: str | None) -> Transition:
    return Transition(action, actor, frozenset(sources), target)


DELIVER = _t("delivered", SELLER, {S.IN_PROGRESS}, S.DELIVERED)
APPROVE = _t("approved", BUYER, {S.DELIVERED}, S.COMPLETED)
REQUEST_REVISION = _t("sent back for revision", BUYER, {S.DELIVERED}, S.IN_PROGRESS)
# Alone, the buyer cancels only a late order and the seller only one not yet delivered
# (see check_cancel_alone); anything else is asked of the other party (a resolution request).
CANCEL = _t("cancelled", PARTY, {S.IN_PROGRESS, S.DELIVERED}, S.CANCELLED)
REQUEST_RESOLUTION = _t("asked to cancel or refund", PARTY, {S.IN_PROGRESS, S.DELIVERED}, None)
ANSWER_RESOLUTION = _t("answered", PARTY, {S.IN_PROGRESS, S.DELIVERED}, None)
RESOLVE_BY_SUPPORT = _t("resolved by support", SUPPORT, {S.IN_PROGRESS, S.DELIVERED}, None)
REQUEST_EXTENSION = _t("extended", SELLER, {S.IN_PROGRESS}, None)
DECIDE_EXTENSION = _t("extended", BUYER, {S.IN_PROGRESS, S.DELIVERED}, None)


def check(transition: Transition, order: Order, user_id: int | None) -> None:
    """Raise unless ``user_id`` (None: the system) may take ``transition`` on ``order`` now."""
    if transition.actor in (BUYER, SELLER) and order.role_of(user_id or 0) != transition.actor:
        raise errors.only(transition.actor, transition.action)
    if order.status not in transition.sources:
        raise errors.invalid_transition(transition.action, order.status)


def check_cancel_alone(order: Order, user_id: int, now: datetime) -> None:
    """Raise unless ``user_id`` may cancel ``order`` without the other party's agreement now.

    The buyer may only when the order is late (past due, not delivered); the seller only
    before delivering. A delivered order is cancelled by agreement or by support.
    """
    check(CANCEL, order, user_id)
    if order.status == S.DELIVERED:
        raise errors.cancellation_needs_agreement()
    if order.role_of(user_id) == BUYER and now <= order.due_at:
        raise errors.order_not_late(f"{order.due_at:%Y-%m-%d %H:%M} UTC")
