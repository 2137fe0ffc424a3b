"""Read use-cases of the orders service: an order of mine, my orders, my delivered files."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet

from orders_service.orders import errors
from orders_service.orders.models import Delivery, DeliveryFile, Extension, Order


def order_of(*, user_id: int, order_id: UUID) -> Order:
    """One of my orders (as buyer or seller) with its timeline, deliveries, extensions and resolution requests; 404 otherwise."""
    order = (
        Order.objects.filter(Q(buyer_id=user_id) | Q(seller_id=user_id), pk=order_id)
        .prefetch_related(
            "timeline",
            Prefetch("deliveries", queryset=Delivery.objects.prefetch_related("files")),
            Prefetch("extensions", queryset=Extension.objects.all()),
            "resolutions",
        )
        .first()
    )
    if order is None:
        raise errors.order_not_found()
    return order


def orders_of(*, user_id: int, role: str | None = None, status: str | None = None) -> QuerySet[Order]:
    """My orders, newest first: as ``role`` (buyer or seller; both when None), of ``status`` when given."""
    if role == "buyer":
        orders = Order.objects.filter(buyer_id=user_id)
    elif role == "seller":
        orders = Order.objects.filter(seller_id=user_id)
    else:
        orders = Order.objects.filter(Q(buyer_id=user_id) | Q(seller_id=user_id))
    if status:
        orders = orders.filter(status=status)
    return orders.order_by("-placed_at", "-id")


def delivered_file(*, user_id: int, order_id: UUID, file_id: int) -> DeliveryFile:
    """A file delivered on one of my orders; 404 otherwise."""
    found = (
        DeliveryFile.objects.select_related("delivery__order")
        .filter(Q(delivery__order__buyer_id=user_id) | Q(delivery__order__seller_id=user_id))
        .filter(delivery__order_id=order_id, pk=file_id)
        .first()
    )
    if found is None:
        raise errors.order_not_found()
    return found
