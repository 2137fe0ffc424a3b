"""Handlers of the events the orders service consumes (``common.events.topology.SUBSCRIPTIONS``).

Orders prices an order from its replica of the gig or from an accepted offer, and shows
whether each side reviewed. Each handler runs at most once per event id (the inbox) and
only calls a use-case of ``services``; the gig replica's handlers are the fleet's one kind
(``common.events.replicas``).
"""

from __future__ import annotations

from common.events.catalog.auth import UserDeleted
from common.events.catalog.chat import OfferAccepted
from common.events.catalog.reviews import ReviewCreated
from common.events.envelope import Envelope
from common.events.handlers import handles
from common.events.replicas import gig_replica_handlers
from orders_service.orders import services
from orders_service.orders.models import Gig

copy_created_gig, copy_updated_gig, mark_gig_deleted = gig_replica_handlers(Gig, __name__)


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


@handles(UserDeleted)
def anonymise_deleted_account(event: UserDeleted, envelope: Envelope) -> None:
    services.anonymise_deleted_account(user_id=event.user_id)
