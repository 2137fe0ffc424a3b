"""The order a use-case works on: locked, and only for its parties (404 for anyone else)."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q

from orders_service.orders import errors
from orders_service.orders.models import Order


def locked_order(order_id: UUID, user_id: int | None) -> Order:
    """The order, locked until the transaction ends; ``user_id`` None is the system (any order)."""
    orders = Order.objects.select_for_update().filter(pk=order_id)
    if user_id is not None:
        orders = orders.filter(Q(buyer_id=user_id) | Q(seller_id=user_id))
    order = orders.first()
    if order is None:
        raise errors.order_not_found()
    return order
