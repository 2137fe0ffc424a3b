"""Handlers of the events the users service consumes (``common.events.topology.SUBSCRIPTIONS``).

Each runs at most once per event id (the inbox) and only calls a use-case of ``services``.
The broker does not keep the order of events, so an event can overtake the one that
creates the row it changes. The use-case then raises (``ProfileNotYetCreated``,
``SellerNotYetCreated``), the transaction (inbox row included) rolls back and the worker
retries the event with backoff; after the last retry it waits in users.events.dead for a
replay. Never dropped.
"""

from __future__ import annotations

from common.events.catalog.auth import EmailChanged, EmailVerified, UserDeleted, UserRegistered
from common.events.catalog.gigs import GigCreated, GigDeleted
from common.events.catalog.orders import OrderCancelled, OrderCompleted, OrderDelivered, OrderPlaced
from common.events.catalog.reviews import ReviewCreated
from common.events.envelope import Envelope
from common.events.handlers import handles
from users_service.profiles.services import buyers, deletion, seller_stats


@handles(UserRegistered)
def create_buyer_profile(event: UserRegistered, envelope: Envelope) -> None:
    buyers.create_buyer_profile(
        user_id=event.user_id,
        username=event.username,
        email=event.email,
        country=event.country,
        registered_at=envelope.occurred_at,
    )


@handles(EmailVerified)
def mark_buyer_email_verified(event: EmailVerified, envelope: Envelope) -> None:
    buyers.mark_email_verified(user_id=event.user_id, email=event.email)


@handles(EmailChanged)
def record_changed_email(event: EmailChanged, envelope: Envelope) -> None:
    buyers.mark_email_verified(user_id=event.user_id, email=event.email)


@handles(UserDeleted)
def erase_deleted_account(event: UserDeleted, envelope: Envelope) -> None:
    deletion.erase_deleted_account(user_id=event.user_id, deleted_at=event.deleted_at)


@handles(GigCreated)
def count_created_gig(event: GigCreated, envelope: Envelope) -> None:
    seller_stats.count_gig_created(seller_id=event.seller_id)


@handles(GigDeleted)
def count_deleted_gig(event: GigDeleted, envelope: Envelope) -> None:
    seller_stats.count_gig_deleted(seller_id=event.seller_id)


@handles(OrderPlaced)
def count_placed_order(event: OrderPlaced, envelope: Envelope) -> None:
    seller_stats.count_order_placed(seller_id=event.seller_id)


@handles(OrderDelivered)
def record_delivery(event: OrderDelivered, envelope: Envelope) -> None:
    seller_stats.record_delivery(seller_id=event.seller_id, delivered_at=event.occurred_at)


@handles(OrderCompleted)
def count_completed_order(event: OrderCompleted, envelope: Envelope) -> None:
    seller_stats.count_order_completed(
        seller_id=event.seller_id, price=event.price, seller_earnings=event.seller_earnings
    )


@handles(OrderCancelled)
def count_cancelled_order(event: OrderCancelled, envelope: Envelope) -> None:
    seller_stats.count_order_cancelled(seller_id=event.seller_id)


@handles(ReviewCreated)
def count_seller_rating(event: ReviewCreated, envelope: Envelope) -> None:
    # Only the buyer's review rates the seller. A seller's review of a buyer is not kept:
    # no page shows a buyer's rating yet, and replaying the events can fill it in later.
    if event.side == "buyer":
        seller_stats.count_rating(seller_id=event.reviewee_id, rating=event.rating)
