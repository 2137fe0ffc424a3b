"""Handlers of the events the auth service consumes (``common.events.topology.SUBSCRIPTIONS``).

Each runs at most once per event id (the inbox, in the same transaction as its effect).
"""

from __future__ import annotations

from auth_service.accounts import services
from common.events.catalog.orders import OrderCancelled, OrderCompleted, OrderPlaced
from common.events.catalog.users import SellerCreated
from common.events.envelope import Envelope
from common.events.handlers import handles


@handles(SellerCreated)
def mark_account_seller(event: SellerCreated, envelope: Envelope) -> None:
    services.mark_seller(user_id=event.user_id)


@handles(OrderPlaced)
def count_open_order(event: OrderPlaced, envelope: Envelope) -> None:
    services.count_order_opened(order_id=event.order_id, buyer_id=event.buyer_id, seller_id=event.seller_id)


@handles(OrderCompleted)
def close_completed_order(event: OrderCompleted, envelope: Envelope) -> None:
    services.count_order_closed(order_id=event.order_id, buyer_id=event.buyer_id, seller_id=event.seller_id)


@handles(OrderCancelled)
def close_cancelled_order(event: OrderCancelled, envelope: Envelope) -> None:
    services.count_order_closed(order_id=event.order_id, buyer_id=event.buyer_id, seller_id=event.seller_id)
