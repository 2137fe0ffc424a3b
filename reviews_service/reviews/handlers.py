"""Handlers of the events the reviews service consumes (``common.events.topology.SUBSCRIPTIONS``).

Each runs at most once per event id (the inbox) and only calls a use-case of ``services``.
"""

from __future__ import annotations

from common.events.catalog.auth import UserDeleted
from common.events.catalog.orders import OrderCompleted
from common.events.envelope import Envelope
from common.events.handlers import handles
from reviews_service.reviews import services


@handles(OrderCompleted)
def record_completed_order(event: OrderCompleted, envelope: Envelope) -> None:
    services.record_completed_order(
        order_id=event.order_id,
        gig_id=event.gig_id,
        gig_title=event.gig_title,
        buyer_id=event.buyer_id,
        buyer_username=event.buyer_username,
        seller_id=event.seller_id,
        seller_username=event.seller_username,
        completed_at=event.occurred_at,
    )


@handles(UserDeleted)
def anonymise_deleted_account(event: UserDeleted, envelope: Envelope) -> None:
    services.anonymise_deleted_account(user_id=event.user_id)
