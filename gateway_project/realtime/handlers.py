"""Events the gateway's worker pushes to the parties' connections (SUBSCRIPTIONS["gateway"]).

Each handler sends to the ``user.<id>`` groups of the people concerned, never wider.
The worker has no database: its inbox is in Redis (common.events.handlers), so a push
happens at least once and a redelivery within a day is absorbed.
"""

from __future__ import annotations

from typing import Any

from common.events.base import all_event_classes
from common.events.catalog.chat import ConversationRead, MessageSent
from common.events.catalog.notifications import NotificationCreated
from common.events.catalog.orders import OrderEvent
from common.events.envelope import Envelope
from common.events.handlers import handles
from common.redis import get_redis
from gateway_project.realtime import contacts, push
from gateway_project.realtime.frames import frame

ORDER_PREFIX = "orders.order."


@handles(MessageSent)
def push_message(event: MessageSent, envelope: Envelope) -> None:
    """Both parties see the message (the sender's other devices too); they become contacts."""
    contacts.remember(
        get_redis(), (event.sender_id, event.sender_username), (event.recipient_id, event.recipient_username)
    )
    push.to_users([event.sender_id, event.recipient_id], frame("chat.message", event.model_dump(mode="json")))


@handles(ConversationRead)
def push_read(event: ConversationRead, envelope: Envelope) -> None:
    """The other party sees that their messages were read."""
    data = event.model_dump(mode="json", exclude={"other_party_id"})
    push.to_users([event.other_party_id], frame("chat.read", data))


@handles(NotificationCreated)
def push_notification(event: NotificationCreated, envelope: Envelope) -> None:
    """The notification's user sees it arrive."""
    data = event.model_dump(mode="json", exclude={"notification_id", "user_id"})
    push.to_users([event.user_id], frame("notification.created", {"id": event.notification_id, **data}))


def order_update(event: OrderEvent) -> dict[str, Any]:
    """What ``order.updated`` says: which order, its status now, and what happened."""
    return {
        "order_id": str(event.order_id),
        "status": event.status,
        "event": event.type.removeprefix(ORDER_PREFIX),
        "gig_id": event.gig_id,
        "gig_title": event.gig_title,
        "occurred_at": event.occurred_at.isoformat(),
    }


def push_order(event: OrderEvent, envelope: Envelope) -> None:
    """Buyer and seller see the order change."""
    push.to_users([event.buyer_id, event.seller_id], frame("order.updated", order_update(event)))


def _register_order_handlers() -> None:
    """One handler per order event (``orders.order.*``), each under its own stable inbox name."""
    for event_class in all_event_classes():
        if not event_class.type.startswith(ORDER_PREFIX) or event_class.retired:
            continue
        name = "push_order_" + event_class.type.removeprefix(ORDER_PREFIX)
        function = _order_pusher(name)
        globals()[name] = handles(event_class)(function)


def _order_pusher(name: str) -> Any:
    def pusher(event: OrderEvent, envelope: Envelope) -> None:
        push_order(event, envelope)

    pusher.__name__ = pusher.__qualname__ = name
    return pusher


_register_order_handlers()
