"""Handlers of the events the orders service consumes (``common.events.topology.SUBSCRIPTIONS``).

Orders prices an order from its replica of the gig or from an accepted offer, and shows
whether each side reviewed. Each handler runs at most once per event id (the inbox) and
only calls a use-case of ``services``.
"""

from __future__ import annotations

from common.events.catalog.chat import OfferAccepted
from common.events.catalog.gigs import GigCreated, GigDeleted, GigState, GigUpdated
from common.events.catalog.reviews import ReviewCreated
from common.events.envelope import Envelope
from common.events.handlers import handles
from orders_service.orders import services
from orders_service.orders.services.replicas import GigState as ReplicaState


@handles(GigCreated)
def copy_created_gig(event: GigCreated, envelope: Envelope) -> None:
    _copy(event)


@handles(GigUpdated)
def copy_updated_gig(event: GigUpdated, envelope: Envelope) -> None:
    _copy(event)


@handles(GigDeleted)
def mark_gig_deleted(event: GigDeleted, envelope: Envelope) -> None:
    services.record_gig_deleted(gig_id=event.gig_id, seller_id=event.seller_id, deleted_at=event.deleted_at)


@handles(OfferAccepted)
def keep_accepted_offer(event: OfferAccepted, envelope: Envelope) -> None:
    services.record_offer(
        message_id=event.message_id,
        conversation_id=event.conversation_id,
        seller_id=event.seller_id,
        seller_username=event.seller_username,
        buyer_id=event.buyer_id,
        buyer_username=event.buyer_username,
        gig_id=event.gig_id,
        gig_title=event.gig_title,
        price=event.price,
        description=event.description,
        delivery_days=event.delivery_days,
        accepted_at=event.occurred_at,
    )


@handles(ReviewCreated)
def mark_order_reviewed(event: ReviewCreated, envelope: Envelope) -> None:
    services.record_review(order_id=event.order_id, side=event.side)


def _copy(event: GigState) -> None:
    services.record_gig(
        gig_id=event.gig_id,
        state=ReplicaState(
            seller_id=event.seller_id,
            seller_username=event.seller_username,
            title=event.title,
            price=event.price,
            expected_delivery_days=event.expected_delivery_days,
            active=event.active,
            changed_at=event.changed_at,
        ),
    )
