"""Read use-cases of the orders service: an order of mine, my orders, my delivered files, my balance and ledger."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet, Sum

from orders_service.orders import errors
from orders_service.orders.models import (
    Delivery,
    DeliveryFile,
    Extension,
    LedgerEntry,
    Order,
    PayoutAccount,
    Withdrawal,
)


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


@dataclass(frozen=True)
class Balance:
    """A seller's money: each figure is the sum of its column of the ledger."""

    pending: Decimal
    available: Decimal
    withdrawn: Decimal


def balance_of(*, seller_id: int) -> Balance:
    """The seller's balances, exact (the database sums ``numeric`` columns)."""
    sums = LedgerEntry.objects.filter(seller_id=seller_id).aggregate(
        pending=Sum("pending"), available=Sum("available"), withdrawn=Sum("withdrawn")
    )
    zero = Decimal("0.00")
    return Balance(
        pending=sums["pending"] or zero, available=sums["available"] or zero, withdrawn=sums["withdrawn"] or zero
    )


def ledger_of(*, seller_id: int) -> QuerySet[LedgerEntry]:
    """The seller's ledger, newest line first."""
    return LedgerEntry.objects.filter(seller_id=seller_id).select_related("withdrawal").order_by("-at", "-id")


def payout_account_of(*, seller_id: int) -> PayoutAccount | None:
    return PayoutAccount.objects.filter(seller_id=seller_id).first()


def pending_withdrawal_of(*, seller_id: int) -> Withdrawal | None:
    return Withdrawal.objects.filter(seller_id=seller_id, status=Withdrawal.Status.PENDING).first()
