"""Resolution: a party asks the other to cancel or to agree a partial refund; the other answers.

One request waits at a time. Accepting it cancels the order (the buyer gets back what is
left of the total) or refunds ``amount`` of the price and lets the order go on. Silence
until ``expires_at`` (``ORDER_RESOLUTION_RESPONSE_HOURS``) accepts it, as on the market
leaders: beat runs :func:`expire_resolution_requests`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.events.catalog.orders import OrderPartiallyRefunded, OrderResolutionDeclined, OrderResolutionRequested
from orders_service.orders import errors, transitions
from orders_service.orders.models import Order, ResolutionRequest
from orders_service.orders.services.announcements import Actor, announce
from orders_service.orders.services.lifecycle import cancel_with_refund
from orders_service.orders.services.locking import locked_order
from orders_service.orders.services.refunds import refund_to_buyer

Kind, Status = ResolutionRequest.Kind, ResolutionRequest.Status


def request_resolution(*, party: Actor, order_id: UUID, kind: str, reason: str, amount: Decimal | None) -> Order:
    """``party`` asks the other to cancel, or to agree a partial refund of ``amount`` (``resolution_requested``)."""
    assert party.user_id is not None, "only a party asks"
    with transaction.atomic():
        order = locked_order(order_id, party.user_id)
        transitions.check(transitions.REQUEST_RESOLUTION, order, party.user_id)
        if order.resolutions.filter(status=Status.PENDING).exists():
            raise errors.resolution_pending()
        amount = _amount(order, kind, amount)
        now = timezone.now()
        expires_at = now + timedelta(hours=settings.ORDER_RESOLUTION_RESPONSE_HOURS)
        ResolutionRequest.objects.create(
            order=order, kind=kind, amount=amount, reason=reason, requested_by_id=party.user_id,
            requested_by_username=party.username, requested_at=now, expires_at=expires_at,
        )  # fmt: skip
        announce(
            order, OrderResolutionRequested, actor=party, at=now, note=reason,
            kind=kind, amount=amount, reason=reason, requested_by_id=party.user_id, expires_at=expires_at,
        )  # fmt: skip
        return order


def _amount(order: Order, kind: str, amount: Decimal | None) -> Decimal:
    """A cancellation gives back what is left of the total; a partial refund less than what is left of the price."""
    if kind == Kind.CANCEL:
        return order.refundable
    if amount is None or amount >= order.creditable_price:
        raise errors.refund_too_large(order.creditable_price)
    return amount


def accept_resolution(*, party: Actor, order_id: UUID) -> Order:
    """The other party accepts: the order is cancelled, or the partial refund paid back."""
    with transaction.atomic():
        order = locked_order(order_id, party.user_id)
        transitions.check(transitions.ANSWER_RESOLUTION, order, party.user_id)
        request = _pending_for_answer(order, party)
        return _carry_out(order, request, actor=party, status=Status.ACCEPTED, resolution="agreed")


def decline_resolution(*, party: Actor, order_id: UUID, answer: str) -> Order:
    """The other party declines (``resolution_declined``); the order goes on as it was."""
    with transaction.atomic():
        order = locked_order(order_id, party.user_id)
        transitions.check(transitions.ANSWER_RESOLUTION, order, party.user_id)
        request = _pending_for_answer(order, party)
        now = timezone.now()
        _decide(request, Status.DECLINED, now, answer=answer)
        announce(
            order, OrderResolutionDeclined, actor=party, at=now, note=answer,
            kind=request.kind, amount=request.amount, requested_by_id=request.requested_by_id, answer=answer,
        )  # fmt: skip
        return order


def expire_resolution_requests(*, now: datetime | None = None) -> list[UUID]:
    """Accept every request left unanswered past its deadline; the ids of their orders."""
    now = now or timezone.now()
    due = ResolutionRequest.objects.filter(status=Status.PENDING, expires_at__lte=now).values_list(
        "order_id", flat=True
    )
    accepted = []
    for order_id in list(due):
        with transaction.atomic():
            order = locked_order(order_id, None)
            # Checked again under the lock: the other party may have answered since the query.
            request = order.resolutions.select_for_update().filter(status=Status.PENDING, expires_at__lte=now).first()
            if request is None or order.status not in transitions.ANSWER_RESOLUTION.sources:
                continue
            _carry_out(order, request, actor=Actor.system(), status=Status.EXPIRED, resolution="expired")
            accepted.append(order.pk)
    return accepted


def _pending_for_answer(order: Order, party: Actor) -> ResolutionRequest:
    request = order.resolutions.select_for_update().filter(status=Status.PENDING).first()
    if request is None:
        raise errors.no_pending_resolution()
    if request.requested_by_id == party.user_id:
        raise errors.own_resolution_request()
    return request


def _carry_out(order: Order, request: ResolutionRequest, *, actor: Actor, status: str, resolution: str) -> Order:
    """Pay back what ``request`` asked for; the request is marked ``status`` first, so cancelling leaves it so."""
    now = timezone.now()
    _decide(request, status, now)
    if request.kind == Kind.CANCEL:
        return cancel_with_refund(
            order, actor=actor, cancelled_by_id=request.requested_by_id, reason=request.reason, resolution=resolution
        )
    return partially_refund(
        order, request.amount, actor=actor, requested_by_id=request.requested_by_id, reason=request.reason,
        resolution=resolution, key=f"refund-{order.pk}-request-{request.pk}",
    )  # fmt: skip


def partially_refund(
    order: Order, amount: Decimal, *, actor: Actor, requested_by_id: int | None, reason: str, resolution: str, key: str
) -> Order:
    """Give ``amount`` of the price back to the buyer of ``order`` (locked) (``partially_refunded``)."""
    refund = refund_to_buyer(order, amount, key=key, resolution=resolution)
    announce(
        order, OrderPartiallyRefunded, actor=actor, at=refund.at, note=reason, amount=amount,
        refunded=order.refunded, requested_by_id=requested_by_id, reason=reason, resolution=resolution,
    )  # fmt: skip
    return order


def _decide(request: ResolutionRequest, status: str, now: datetime, *, answer: str = "") -> None:
    request.status, request.decided_at, request.answer = status, now, answer
    request.save(update_fields=["status", "decided_at", "answer"])
