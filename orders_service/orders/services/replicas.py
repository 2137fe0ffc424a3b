"""Orders' copies of gigs and accepted offers, and the review marks, kept from events."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.db import transaction

from orders_service.orders.models import AcceptedOffer, Gig, Order


@dataclass(frozen=True)
class GigState:
    seller_id: int
    seller_username: str
    title: str
    price: Decimal
    expected_delivery_days: int
    active: bool
    changed_at: datetime


def record_gig(*, gig_id: int, state: GigState) -> Gig:
    """Overwrite the replica with the gig's state as of ``changed_at``, unless it knows a newer one.

    Events are not ordered: an ``updated`` may overtake its ``created``, and a deleted gig
    stays deleted whatever arrives after.
    """
    with transaction.atomic():
        gig = Gig.objects.select_for_update().filter(gig_id=gig_id).first()
        if gig is None:
            return Gig.objects.create(gig_id=gig_id, **asdict(state))
        if gig.deleted or gig.changed_at >= state.changed_at:
            return gig
        for name, value in asdict(state).items():
            setattr(gig, name, value)
        gig.save()
        return gig


def record_gig_deleted(*, gig_id: int, seller_id: int, deleted_at: datetime) -> Gig:
    """Mark the gig deleted (a tombstone when orders never heard of it, so it cannot come back)."""
    with transaction.atomic():
        gig, created = Gig.objects.select_for_update().get_or_create(
            gig_id=gig_id, defaults={"seller_id": seller_id, "deleted": True, "changed_at": deleted_at}
        )
        if not created and not gig.deleted:
            gig.deleted = True
            gig.active = False
            gig.changed_at = max(gig.changed_at, deleted_at)
            gig.save()
        return gig


def record_offer(**terms: object) -> AcceptedOffer:
    """Keep an accepted offer (its terms never change once accepted, so the first copy stays)."""
    message_id = terms.pop("message_id")
    offer, _ = AcceptedOffer.objects.get_or_create(message_id=message_id, defaults=terms)
    return offer


def record_review(*, order_id: UUID, side: str) -> bool:
    """Show on the order that its buyer (``side`` buyer) or seller reviewed; False for an unknown order."""
    field = "buyer_reviewed" if side == "buyer" else "seller_reviewed"
    return Order.objects.filter(pk=order_id).update(**{field: True}) == 1
