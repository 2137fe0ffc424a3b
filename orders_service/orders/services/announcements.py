"""What every order change writes besides itself: a timeline entry and its event (outbox)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from common.events.catalog.orders import OrderEvent
from common.events.outbox import publish
from orders_service.orders.models import Order, TimelineEntry


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in party, or the system (``Actor.system()``, e.g. auto-completion)."""

    user_id: int | None
    username: str = ""

    @classmethod
    def system(cls) -> Actor:
        return cls(None)

    @property
    def party_id(self) -> int:
        """The id of the signed-in party acting; only the system has none."""
        if self.user_id is None:
            raise ValueError("the system acts for no party")
        return self.user_id


def announce(
    order: Order, event_class: type[OrderEvent], *, actor: Actor, at: datetime, note: str = "", **extra: Any
) -> None:
    """Append ``event_class``'s entry (with ``note``) to the timeline and publish the event, in the caller's transaction."""
    kind = event_class.type.rsplit(".", 1)[-1]
    TimelineEntry.objects.create(
        order=order, kind=kind, actor_id=actor.user_id, actor_username=actor.username, message=note, at=at
    )
    publish(event_class(**order_fields(order), occurred_at=at, **extra))


def order_fields(order: Order) -> dict[str, Any]:
    """The order as every order event carries it."""
    return {
        "order_id": order.pk,
        "gig_id": order.gig_id,
        "gig_title": order.gig_title,
        "buyer_id": order.buyer_id,
        "buyer_username": order.buyer_username,
        "seller_id": order.seller_id,
        "seller_username": order.seller_username,
        "status": order.status,
        "price": order.price,
        "service_fee": order.service_fee,
        "total": order.total,
        "due_at": order.due_at,
    }
