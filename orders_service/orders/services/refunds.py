"""Money back to the buyer at the provider, recorded; and what an order's end does to its open requests."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from orders_service.orders import errors, money
from orders_service.orders.models import Order, Refund, ResolutionRequest
from orders_service.orders.payments.provider import PaymentError, get_provider


def refund_to_buyer(order: Order, amount: Decimal, *, key: str, resolution: str) -> Refund:
    """Refund ``amount`` of ``order``'s payment (locked by the caller) and record it.

    The provider is asked first: when it refuses, nothing here changes (502) and the
    caller's transaction rolls back. ``key`` is the provider's idempotency key, one per
    refund, so a retry after a crash does not pay twice.
    """
    try:
        answer = get_provider().refund(order.payment.intent_id, money.to_cents(amount), idempotency_key=key)
    except PaymentError as error:
        raise errors.PaymentProviderUnavailable() from error
    if answer.status not in ("succeeded", "pending"):
        raise errors.PaymentProviderUnavailable(f"The refund was {answer.status}; nothing was changed.")
    order.refunded += amount
    order.save(update_fields=["refunded"])
    return Refund.objects.create(
        order=order, amount=amount, provider_refund_id=answer.id, resolution=resolution, at=timezone.now()
    )


def close_pending_requests(order: Order, now: datetime) -> None:
    """An order that ended (completed, cancelled) leaves no request waiting for an answer."""
    order.resolutions.filter(status=ResolutionRequest.Status.PENDING).update(
        status=ResolutionRequest.Status.CLOSED, decided_at=now
    )
