"""The order's life after placing: delivered, sent back for revision, completed or cancelled."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from common.events.catalog.orders import OrderCancelled, OrderCompleted, OrderDelivered, OrderRevisionRequested
from orders_service.orders import errors, files, money, transitions
from orders_service.orders.models import Delivery, DeliveryFile, Order, Payment, ResolutionRequest
from orders_service.orders.services.announcements import Actor, announce
from orders_service.orders.services.locking import locked_order
from orders_service.orders.services.payouts import record_earning
from orders_service.orders.services.refunds import close_pending_requests, refund_to_buyer

DELIVERIES_FOLDER = "orders/deliveries"


def deliver_order(*, seller: Actor, order_id: UUID, message: str, uploads: list[UploadedFile]) -> Order:
    """The seller delivers (``orders.order.delivered``); files are checked, then stored, then recorded.

    Stored files are removed again when the delivery is refused (wrong party or state).
    """
    inspected = [files.inspect(upload) for upload in uploads]
    paths = [_store(upload, checked) for upload, checked in zip(uploads, inspected, strict=True)]
    try:
        return _record_delivery(seller, order_id, message, list(zip(paths, inspected, strict=True)))
    except BaseException:
        for path in paths:
            default_storage.delete(path)
        raise


def _store(upload: UploadedFile, checked: files.Inspected) -> str:
    # A random name: the client's name is data to show, never a path to write to.
    return default_storage.save(f"{DELIVERIES_FOLDER}/{uuid.uuid4().hex}{checked.extension}", upload)


def _record_delivery(seller: Actor, order_id: UUID, message: str, stored: list[tuple[str, files.Inspected]]) -> Order:
    with transaction.atomic():
        order = locked_order(order_id, seller.user_id)
        transitions.check(transitions.DELIVER, order, seller.user_id)
        now = timezone.now()
        delivery = Delivery.objects.create(order=order, message=message, delivered_at=now)
        DeliveryFile.objects.bulk_create(
            DeliveryFile(delivery=delivery, path=path, name=f.original_name, size=f.size, content_type=f.content_type)
            for path, f in stored
        )
        _move(order, Order.Status.DELIVERED, delivered_at=now)
        announce(order, OrderDelivered, actor=seller, at=now, note=message, message=message)
        return order


def approve_order(*, buyer: Actor, order_id: UUID) -> Order:
    """The buyer approves the delivery: completed, the seller credited (``orders.order.completed``)."""
    with transaction.atomic():
        order = locked_order(order_id, buyer.user_id)
        transitions.check(transitions.APPROVE, order, buyer.user_id)
        return complete(order, buyer)


def auto_complete_delivered(*, now: datetime | None = None) -> list[UUID]:
    """Complete every order delivered longer than ``ORDER_AUTO_COMPLETE_DAYS`` ago; their ids."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.ORDER_AUTO_COMPLETE_DAYS)
    # An order with a cancellation or refund request waiting for its answer waits too.
    due = (
        Order.objects.filter(status=Order.Status.DELIVERED, delivered_at__lte=cutoff)
        .exclude(resolutions__status=ResolutionRequest.Status.PENDING)
        .values_list("pk", flat=True)
    )
    completed = []
    for order_id in list(due):
        with transaction.atomic():
            order = locked_order(order_id, None)
            # Checked again under the lock: the buyer may have acted since the query.
            if order.status != Order.Status.DELIVERED or order.delivered_at is None or order.delivered_at > cutoff:
                continue
            if order.resolutions.filter(status=ResolutionRequest.Status.PENDING).exists():
                continue
            complete(order, Actor.system(), auto=True)
            completed.append(order.pk)
    return completed


def complete(order: Order, actor: Actor, *, auto: bool = False, by_support: bool = False, note: str = "") -> Order:
    """Complete ``order`` (locked): the seller is credited on the price less partial refunds, pending until it clears."""
    now = timezone.now()
    earnings = money.seller_earnings(order.creditable_price, settings.PLATFORM_SHARE_PERCENT)
    _move(order, Order.Status.COMPLETED, completed_at=now, seller_earnings=earnings, auto_completed=auto)
    record_earning(order, now)
    close_pending_requests(order, now)
    announce(
        order,
        OrderCompleted,
        actor=actor,
        at=now,
        note=note,
        seller_earnings=earnings,
        auto_completed=auto,
        by_support=by_support,
        support_note=note if by_support else "",
    )
    return order


def request_revision(*, buyer: Actor, order_id: UUID, message: str) -> Order:
    """The buyer sends the delivery back (``orders.order.revision_requested``); the seller delivers again.

    409 ``no_revisions_left`` once the package's revisions are all used (unlimited: never).
    """
    with transaction.atomic():
        order = locked_order(order_id, buyer.user_id)
        transitions.check(transitions.REQUEST_REVISION, order, buyer.user_id)
        if order.revisions_allowed is not None and order.revisions_used >= order.revisions_allowed:
            raise errors.no_revisions_left(order.revisions_allowed)
        now = timezone.now()
        _move(order, Order.Status.IN_PROGRESS, revisions_used=order.revisions_used + 1)
        announce(order, OrderRevisionRequested, actor=buyer, at=now, note=message, message=message)
        return order


def cancel_order(*, party: Actor, order_id: UUID, reason: str) -> Order:
    """A party cancels alone where that is allowed (``transitions.check_cancel_alone``); the buyer is refunded first."""
    with transaction.atomic():
        order = locked_order(order_id, party.user_id)
        transitions.check_cancel_alone(order, party.user_id or 0, timezone.now())
        return cancel_with_refund(order, actor=party, cancelled_by_id=party.user_id or 0, reason=reason)


def cancel_with_refund(
    order: Order, *, actor: Actor, cancelled_by_id: int, reason: str, resolution: str = "alone"
) -> Order:
    """Refund what is left of the total, then cancel (``orders.order.cancelled``); ``order`` is locked.

    The refund is asked before anything changes here: when the provider refuses, the order
    stays as it was (502) and the call can be retried. The refund carries an idempotency
    key per order, so a retry after a crash between the provider's answer and our commit
    does not refund twice.
    """
    payment = Payment.objects.select_for_update().get(pk=order.payment_id)
    refunded = order.refundable
    refund = refund_to_buyer(order, refunded, key=f"refund-{order.pk}", resolution=resolution)
    now = refund.at
    payment.status, payment.refunded_at, payment.refund_id = Payment.Status.REFUNDED, now, refund.provider_refund_id
    payment.save(update_fields=["status", "refunded_at", "refund_id"])
    _move(order, Order.Status.CANCELLED, cancelled_at=now)
    close_pending_requests(order, now)
    announce(
        order,
        OrderCancelled,
        actor=actor,
        at=now,
        note=reason,
        cancelled_by_id=cancelled_by_id,
        reason=reason,
        refunded=refunded,
        resolution=resolution,
    )
    return order


def _move(order: Order, status: str, **fields: object) -> None:
    order.status = status
    for name, value in fields.items():
        setattr(order, name, value)
    order.save(update_fields=["status", *fields])
