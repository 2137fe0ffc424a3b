"""Sellers' money after completion: earnings clear, then a seller withdraws them to a payout account.

Every move is a line of the seller's ledger (``LedgerEntry``), only ever added:

- completing an order credits its earning to ``pending``, clearing on ``clears_at``
  (``EARNINGS_CLEARING_DAYS`` later, as on Fiverr);
- beat (:func:`clear_earnings`) moves each earning past its date to ``available``, once;
- a withdrawal moves an amount from ``available`` to ``withdrawn`` before the transfer is
  asked, so the same money is never withdrawn twice; if the provider refuses, a line moves
  it back. A withdrawal the provider did not answer stays ``pending`` and is asked again
  with the same idempotency key (:func:`retry_withdrawals`) until it answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from common.events.catalog.orders import PayoutFailed, PayoutWithdrawn
from common.events.outbox import publish
from orders_service.orders import errors, money, selectors
from orders_service.orders.models import Gig, LedgerEntry, Order, PayoutAccount, Withdrawal
from orders_service.orders.payments.provider import PaymentError, TransferRefused, get_provider
from orders_service.orders.services.announcements import Actor

Kind = LedgerEntry.Kind
# A withdrawal left pending this long had its answer lost (no answer, a crash): ask again.
RETRY_AFTER = timedelta(minutes=1)


def record_earning(order: Order, at: datetime) -> None:
    """Credit ``order``'s (just completed, locked) ``seller_earnings`` to the seller's pending balance."""
    earnings = order.seller_earnings
    if earnings is None or earnings <= 0:
        return
    refunded = f" less {order.refunded} refunded" if order.refunded else ""
    LedgerEntry.objects.create(
        seller_id=order.seller_id,
        kind=Kind.EARNING,
        pending=earnings,
        order=order,
        clears_at=at + timedelta(days=settings.EARNINGS_CLEARING_DAYS),
        at=at,
        description=f"{order.gig_title}: {order.price}{refunded}, less Bazaar's {settings.PLATFORM_SHARE_PERCENT}%",
    )


def clear_earnings(*, now: datetime | None = None) -> list[UUID]:
    """Make every earning past its ``clears_at`` available, once each; the ids of their orders."""
    now = now or timezone.now()
    cleared = LedgerEntry.objects.filter(order_id=OuterRef("order_id"), kind=Kind.CLEARED)
    due = (
        LedgerEntry.objects.filter(kind=Kind.EARNING, clears_at__lte=now)
        .exclude(Exists(cleared))
        .values_list("pk", flat=True)
    )
    done = []
    for earning_id in list(due):
        with transaction.atomic():
            earning = LedgerEntry.objects.select_for_update(of=("self",)).select_related("order").get(pk=earning_id)
            # Checked again under the lock: another sweep may have cleared it since the query.
            if earning.order is None or LedgerEntry.objects.filter(order=earning.order, kind=Kind.CLEARED).exists():
                continue
            LedgerEntry.objects.create(
                seller_id=earning.seller_id, kind=Kind.CLEARED, pending=-earning.pending, available=earning.pending,
                order=earning.order, at=timezone.now(), description=f"{earning.order.gig_title}: cleared",
            )  # fmt: skip
            done.append(earning.order.pk)
    return done


@dataclass(frozen=True)
class Connected:
    """A seller's payout account and where they complete it at the provider."""

    account: PayoutAccount
    onboarding_url: str
    created: bool


def connect_payout_account(*, seller: Actor, is_seller: bool) -> Connected:
    """Open the seller's account at the provider, once; each call gives a fresh onboarding link.

    A seller is one the token says is, or one with a gig here: a token minted just before
    its owner became a seller still says no.
    """
    seller_id = seller.party_id
    if not is_seller and not Gig.objects.filter(seller_id=seller_id).exists():
        raise errors.only_sellers()
    return_url = settings.FRONTEND_URL.rstrip("/") + "/dashboard"
    provider = get_provider()
    existing = PayoutAccount.objects.filter(seller_id=seller_id).first()
    try:
        if existing is not None:
            return Connected(existing, provider.onboarding_link(existing.account_id, return_url=return_url), False)
        # Keyed by seller: two first calls at once get the same account from the provider.
        opened = provider.create_connected_account(
            email="", metadata={"seller_id": str(seller_id), "seller_username": seller.username},
            return_url=return_url, idempotency_key=f"payout-account-{seller_id}",
        )  # fmt: skip
    except PaymentError as error:
        raise errors.PaymentProviderUnavailable() from error
    account, created = PayoutAccount.objects.get_or_create(
        seller_id=seller_id,
        defaults={"seller_username": seller.username, "provider": provider.name, "account_id": opened.id},
    )
    return Connected(account, opened.onboarding_url, created)


@dataclass(frozen=True)
class Withdrawn:
    withdrawal: Withdrawal
    created: bool


def withdraw(*, seller: Actor, amount: Decimal | None, idempotency_key: str = "") -> Withdrawn:
    """Withdraw ``amount`` (all that is available when None) to the seller's payout account.

    The same ``idempotency_key`` answers with the first withdrawal. The money leaves
    ``available`` before the provider is asked; see the module's docstring for what follows.
    """
    with transaction.atomic():
        # The payout account's row is the seller's lock: one withdrawal is decided at a time.
        account = PayoutAccount.objects.select_for_update().filter(seller_id=seller.party_id).first()
        if account is None:
            raise errors.no_payout_account()
        earlier = (
            Withdrawal.objects.filter(seller_id=account.seller_id, idempotency_key=idempotency_key).first()
            if idempotency_key
            else None
        )
        if earlier is not None:
            if amount is not None and amount != earlier.amount:
                raise errors.idempotency_key_reused()
            return Withdrawn(earlier, created=False)
        withdrawal = _take_from_available(account, seller, amount, idempotency_key)
    return Withdrawn(transfer(withdrawal.pk, refused_is_error=True), created=True)


def _take_from_available(
    account: PayoutAccount, seller: Actor, amount: Decimal | None, idempotency_key: str
) -> Withdrawal:
    if Withdrawal.objects.filter(seller_id=account.seller_id, status=Withdrawal.Status.PENDING).exists():
        raise errors.withdrawal_pending()
    available = selectors.balance_of(seller_id=account.seller_id).available
    amount = available if amount is None else amount
    if amount > available:
        raise errors.amount_too_large(available)
    if amount < settings.PAYOUT_MINIMUM_WITHDRAWAL or amount <= 0:
        raise errors.below_minimum_withdrawal(settings.PAYOUT_MINIMUM_WITHDRAWAL, available)
    now = timezone.now()
    withdrawal = Withdrawal.objects.create(
        seller_id=account.seller_id, seller_username=seller.username or account.seller_username,
        account_id=account.account_id, amount=amount, currency=settings.PAYMENT_CURRENCY,
        idempotency_key=idempotency_key, requested_at=now,
    )  # fmt: skip
    LedgerEntry.objects.create(
        seller_id=account.seller_id, kind=Kind.WITHDRAWAL, available=-amount, withdrawn=amount,
        withdrawal=withdrawal, at=now, description=f"Withdrawal to {account.account_id}",
    )  # fmt: skip
    return withdrawal


def transfer(withdrawal_id: UUID, *, refused_is_error: bool = False) -> Withdrawal:
    """Ask the provider to transfer a pending withdrawal and record its answer; no answer leaves it pending.

    ``refused_is_error``: a refusal raises :class:`errors.PayoutFailed` (after it is recorded).
    """
    withdrawal = Withdrawal.objects.get(pk=withdrawal_id)
    try:
        done = get_provider().transfer(
            account_id=withdrawal.account_id, amount_cents=money.to_cents(withdrawal.amount),
            currency=withdrawal.currency, idempotency_key=f"withdrawal-{withdrawal.pk}",
            metadata={"withdrawal_id": str(withdrawal.pk), "seller_id": str(withdrawal.seller_id)},
        )  # fmt: skip
    except TransferRefused as refused:
        failed = _end(withdrawal.pk, Withdrawal.Status.FAILED, failure=str(refused)[:500])
        if refused_is_error:
            raise errors.PayoutFailed(f"The payment provider refused the transfer: {failed.failure}") from refused
        return failed
    except PaymentError:
        return withdrawal
    return _end(withdrawal.pk, Withdrawal.Status.PAID, transfer_id=done.id)


def _end(withdrawal_id: UUID, status: str, *, transfer_id: str = "", failure: str = "") -> Withdrawal:
    """Record the provider's answer, once: paid, or failed with the amount available again."""
    with transaction.atomic():
        withdrawal = Withdrawal.objects.select_for_update().get(pk=withdrawal_id)
        if withdrawal.status != Withdrawal.Status.PENDING:
            return withdrawal
        now = timezone.now()
        withdrawal.status, withdrawal.decided_at = status, now
        withdrawal.transfer_id, withdrawal.failure = transfer_id, failure
        withdrawal.save(update_fields=["status", "decided_at", "transfer_id", "failure"])
        if status == Withdrawal.Status.FAILED:
            LedgerEntry.objects.create(
                seller_id=withdrawal.seller_id, kind=Kind.WITHDRAWAL_FAILED, available=withdrawal.amount,
                withdrawn=-withdrawal.amount, withdrawal=withdrawal, at=now,
                description=f"Withdrawal refused by the provider, back to available: {failure}"[:300],
            )  # fmt: skip
        available = selectors.balance_of(seller_id=withdrawal.seller_id).available
        fields: dict[str, Any] = {
            "withdrawal_id": withdrawal.pk, "seller_id": withdrawal.seller_id,
            "seller_username": withdrawal.seller_username, "amount": withdrawal.amount,
            "currency": withdrawal.currency, "available": available, "occurred_at": now,
        }  # fmt: skip
        if status == Withdrawal.Status.PAID:
            publish(PayoutWithdrawn(**fields, transfer_id=transfer_id))
        else:
            publish(PayoutFailed(**fields, reason=failure))
        return withdrawal


def retry_withdrawals(*, now: datetime | None = None) -> list[UUID]:
    """Ask again for every withdrawal left pending (its answer lost); the ids of those that ended."""
    cutoff = (now or timezone.now()) - RETRY_AFTER
    waiting = Withdrawal.objects.filter(status=Withdrawal.Status.PENDING, requested_at__lte=cutoff)
    ended = []
    for withdrawal_id in list(waiting.values_list("pk", flat=True)):
        if transfer(withdrawal_id).status != Withdrawal.Status.PENDING:
            ended.append(withdrawal_id)
    return ended
