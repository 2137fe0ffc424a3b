"""Orders' copies of gigs and accepted offers, and the review marks, kept from events."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from common.events import replicas
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
    return replicas.overwrite_if_newer(Gig, key={"gig_id": gig_id}, state=asdict(state))


def record_gig_deleted(*, gig_id: int, seller_id: int, deleted_at: datetime) -> Gig:
    """Mark the gig deleted (a tombstone when orders never heard of it, so it cannot come back)."""
    return replicas.mark_deleted(Gig, key={"gig_id": gig_id}, deleted_at=deleted_at, seller_id=seller_id)


def record_offer(**terms: object) -> AcceptedOffer:
    """Keep an accepted offer (its terms never change once accepted, so the first copy stays)."""
    message_id = terms.pop("message_id")
    offer, _ = AcceptedOffer.objects.get_or_create(message_id=message_id, defaults=terms)
    return offer


def record_review(*, order_id: UUID, side: str) -> bool:
    """Show on the order that its buyer (``side`` buyer) or seller reviewed; False for an unknown order."""
    field = "buyer_reviewed" if side == "buyer" else "seller_reviewed"
    return Order.objects.filter(pk=order_id).update(**{field: True}) == 1
