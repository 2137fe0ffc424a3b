"""Placing an order: only for a payment of the caller that succeeded and placed no order yet.

"Paid" is what the provider's webhook recorded; when the webhook has not arrived yet the
provider is asked directly (``retrieve``), so a buyer who just confirmed is not kept
waiting. The payment row is locked while this runs, and ``Order.payment`` is unique, so a
replayed intent never places a second order (409 ``payment_already_used``).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from common.events.catalog.orders import OrderPlaced
from orders_service.orders import errors
from orders_service.orders.models import Order, Payment
from orders_service.orders.payments.provider import PaymentError, get_provider
from orders_service.orders.services.announcements import Actor, announce
from orders_service.orders.services.payments import mark_succeeded


def place_order(*, buyer: Actor, payment_intent_id: str, requirements: str) -> Order:
    """Place the order the payment was made for (``orders.order.placed``)."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update().filter(intent_id=payment_intent_id, buyer_id=buyer.party_id).first()
        )
        if payment is None:
            raise errors.payment_not_found()
        if Order.objects.filter(payment=payment).exists():
            raise errors.payment_already_used()
        _require_paid(payment)
        order = _create(payment, buyer, requirements)
        announce(
            order,
            OrderPlaced,
            actor=buyer,
            at=order.placed_at,
            note=requirements,
            package=order.package,
            revisions=order.revisions_allowed,
        )
        return order


def _require_paid(payment: Payment) -> None:
    if payment.status == Payment.Status.SUCCEEDED:
        return
    if payment.status != Payment.Status.PENDING:
        raise errors.payment_not_succeeded(payment.status)
    try:
        intent = get_provider().retrieve(payment.intent_id)
    except PaymentError as error:
        raise errors.PaymentProviderUnavailable() from error
    if not intent.succeeded or intent.amount_cents != payment.total_cents:
        raise errors.payment_not_succeeded(intent.status)
    mark_succeeded(payment)


def _create(payment: Payment, buyer: Actor, requirements: str) -> Order:
    now = timezone.now()
    return Order.objects.create(
        payment=payment,
        buyer_id=payment.buyer_id,
        buyer_username=buyer.username or payment.buyer_username,
        seller_id=payment.seller_id,
        seller_username=payment.seller_username,
        gig_id=payment.gig_id,
        gig_title=payment.gig_title,
        offer_message_id=payment.offer_message_id,
        package=payment.package,
        revisions_allowed=payment.revisions,
        requirements=requirements,
        price=payment.price,
        service_fee=payment.service_fee,
        total=payment.total,
        currency=payment.currency,
        placed_at=now,
        due_at=now + timedelta(days=payment.delivery_days),
    )
