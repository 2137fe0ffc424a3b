"""Orders' copies of accepted offers and the review marks, kept from events.

Its copy of gigs is kept by the fleet's one kind of replica handler (``common.events.replicas``).
"""

from __future__ import annotations

from uuid import UUID

from orders_service.orders.models import AcceptedOffer, Order


def record_offer(**terms: object) -> AcceptedOffer:
    """Keep an accepted offer (its terms never change once accepted, so the first copy stays)."""
    message_id = terms.pop("message_id")
    offer, _ = AcceptedOffer.objects.get_or_create(message_id=message_id, defaults=terms)
    return offer


def record_review(*, order_id: UUID, side: str) -> bool:
    """Show on the order that its buyer (``side`` buyer) or seller reviewed; False for an unknown order."""
    field = "buyer_reviewed" if side == "buyer" else "seller_reviewed"
    return Order.objects.filter(pk=order_id).update(**{field: True}) == 1
