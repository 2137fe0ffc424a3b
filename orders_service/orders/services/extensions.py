"""Extensions: the seller asks for more days (one request at a time), the buyer decides."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from common.events.catalog.orders import OrderExtensionApproved, OrderExtensionRejected, OrderExtensionRequested
from orders_service.orders import errors, transitions
from orders_service.orders.models import Extension, Order
from orders_service.orders.services.announcements import Actor, announce
from orders_service.orders.services.locking import locked_order


def request_extension(*, seller: Actor, order_id: UUID, extra_days: int, reason: str) -> Order:
    """The seller asks to move the due date by ``extra_days`` (``orders.order.extension_requested``)."""
    with transaction.atomic():
        order = locked_order(order_id, seller.user_id)
        transitions.check(transitions.REQUEST_EXTENSION, order, seller.user_id)
        if order.extensions.filter(status=Extension.Status.PENDING).exists():
            raise errors.extension_pending()
        now = timezone.now()
        Extension.objects.create(order=order, extra_days=extra_days, reason=reason, requested_at=now)
        announce(
            order, OrderExtensionRequested, actor=seller, at=now, note=reason, extra_days=extra_days, reason=reason
        )
        return order


def approve_extension(*, buyer: Actor, order_id: UUID) -> Order:
    """The buyer approves: the due date moves (``orders.order.extension_approved``)."""
    return _decide(buyer, order_id, approve=True)


def reject_extension(*, buyer: Actor, order_id: UUID) -> Order:
    """The buyer rejects: the due date stays (``orders.order.extension_rejected``)."""
    return _decide(buyer, order_id, approve=False)


def _decide(buyer: Actor, order_id: UUID, *, approve: bool) -> Order:
    with transaction.atomic():
        order = locked_order(order_id, buyer.user_id)
        transitions.check(transitions.DECIDE_EXTENSION, order, buyer.user_id)
        extension = order.extensions.select_for_update().filter(status=Extension.Status.PENDING).first()
        if extension is None:
            raise errors.no_pending_extension()
        now = timezone.now()
        extension.status = Extension.Status.APPROVED if approve else Extension.Status.REJECTED
        extension.decided_at = now
        extension.save(update_fields=["status", "decided_at"])
        if approve:
            order.due_at += timedelta(days=extension.extra_days)
            order.save(update_fields=["due_at"])
        event = OrderExtensionApproved if approve else OrderExtensionRejected
        announce(order, event, actor=buyer, at=now, extra_days=extension.extra_days)
        return order
