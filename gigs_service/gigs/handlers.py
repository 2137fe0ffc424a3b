"""Handlers of the events the gigs service consumes (``common.events.topology.SUBSCRIPTIONS``).

Each runs at most once per event id (the inbox) and only calls a use-case of ``services``.
"""

from __future__ import annotations

from common.events.catalog.auth import UserDeleted
from common.events.catalog.orders import OrderCancelled, OrderCompleted, OrderPlaced
from common.events.catalog.reviews import ReviewCreated
from common.events.catalog.users import SellerCreated, SellerProfileEvent, SellerUpdated
from common.events.envelope import Envelope
from common.events.handlers import handles
from gigs_service.gigs import services


@handles(SellerCreated)
def create_seller(event: SellerCreated, envelope: Envelope) -> None:
    _upsert_seller(event)


@handles(SellerUpdated)
def update_seller(event: SellerUpdated, envelope: Envelope) -> None:
    # Created and updated carry the same summary and may arrive in either order:
    # both upsert, and ``changed_at`` decides which one wins.
    _upsert_seller(event)


def _upsert_seller(event: SellerProfileEvent) -> None:
    services.upsert_seller(
        user_id=event.user_id,
        username=event.username,
        full_name=event.full_name,
        one_liner=event.one_liner,
        country=event.country,
        changed_at=event.changed_at,
    )


@handles(OrderPlaced)
def count_placed_order(event: OrderPlaced, envelope: Envelope) -> None:
    services.open_order(order_id=event.order_id, gig_id=event.gig_id)


@handles(OrderCompleted)
def uncount_completed_order(event: OrderCompleted, envelope: Envelope) -> None:
    services.close_order(order_id=event.order_id, gig_id=event.gig_id)


@handles(OrderCancelled)
def uncount_cancelled_order(event: OrderCancelled, envelope: Envelope) -> None:
    services.close_order(order_id=event.order_id, gig_id=event.gig_id)


@handles(ReviewCreated)
def record_buyer_rating(event: ReviewCreated, envelope: Envelope) -> None:
    # A seller's review of the buyer rates the buyer, not the gig.
    if event.side == "buyer":
        services.record_rating(gig_id=event.gig_id, seller_id=event.reviewee_id, rating=event.rating)


@handles(UserDeleted)
def withdraw_deleted_account(event: UserDeleted, envelope: Envelope) -> None:
    services.withdraw_deleted_account(user_id=event.user_id, deleted_at=event.deleted_at)
