"""Who listens to what: the exchange, each service's queues and the keys they are bound to.

Declared in one place, so that every relay declares every queue before it publishes: an
event published before its consumer first started is kept in the consumer's queue, not
dropped by an exchange with nothing bound to it.
"""

from __future__ import annotations

from typing import Any

from kombu import Exchange, Queue

EXCHANGE = Exchange("bazaar.events", type="topic", durable=True)

# Every consuming service and the routing keys it handles (keys may use ``*`` and ``#``).
# A test checks that this matches the handlers each service registers.
SUBSCRIPTIONS: dict[str, tuple[str, ...]] = {
    # Auth refuses to delete an account while one of its orders is open.
    "auth": ("users.seller.created", "orders.order.placed", "orders.order.completed", "orders.order.cancelled"),
    "users": (
        "auth.user.registered",
        "auth.email.verified",
        "auth.user.email_changed",
        "auth.user.deleted",
        "gigs.gig.created",
        "gigs.gig.deleted",
        "orders.order.placed",
        "orders.order.delivered",
        "orders.order.completed",
        "orders.order.cancelled",
        "reviews.review.created",
    ),
    "gigs": (
        "auth.user.deleted",
        "users.seller.created",
        "users.seller.updated",
        "orders.order.placed",
        "orders.order.completed",
        "orders.order.cancelled",
        "reviews.review.created",
    ),
    # Chat knows users by name (to address a message) and gigs (to make an offer on one).
    "chat": (
        "auth.user.registered",
        "auth.user.deleted",
        "gigs.gig.created",
        "gigs.gig.updated",
        "gigs.gig.deleted",
    ),
    # Orders prices an order from the gig or the accepted offer, never from the client,
    # and shows on an order whether each side has reviewed it.
    "orders": (
        "auth.user.deleted",
        "gigs.gig.created",
        "gigs.gig.updated",
        "gigs.gig.deleted",
        "chat.offer.accepted",
        "reviews.review.created",
    ),
    # Reviews lets the parties of a completed order review each other, once each.
    "reviews": ("orders.order.completed", "auth.user.deleted"),
    "notifications": (
        "auth.user.registered",
        "auth.email_verification.requested",
        "auth.email.verified",
        "auth.otp.requested",
        "auth.password_reset.requested",
        "auth.password_reset.completed",
        "auth.password.changed",
        "auth.email_change.requested",
        "auth.user.email_changed",
        "auth.user.deleted",
        # A message to someone away, and whether they read it before its email went.
        "chat.message.sent",
        "chat.conversation.read",
        "chat.offer.sent",
        "chat.offer.accepted",
        "chat.offer.cancelled",
        "orders.order.placed",
        "orders.order.delivered",
        "orders.order.revision_requested",
        "orders.order.completed",
        "orders.order.cancelled",
        "orders.order.extension_requested",
        "orders.order.extension_approved",
        "orders.order.extension_rejected",
        "orders.order.resolution_requested",
        "orders.order.resolution_declined",
        "orders.order.partially_refunded",
        "orders.payout.withdrawn",
        "orders.payout.failed",
        "reviews.review.created",
        "reviews.review.replied",
    ),
    # The gateway has no database: its worker pushes these to the parties' websockets.
    "gateway": (
        "chat.message.sent",
        "chat.conversation.read",
        "notifications.notification.created",
        "orders.order.*",
    ),
}


def events_queue_name(service: str) -> str:
    """``<service>.events``: the service's durable queue of events."""
    return f"{service}.events"


def dead_letter_queue_name(service: str) -> str:
    """``<service>.events.dead``: events whose handler failed after its last retry."""
    return f"{service}.events.dead"


def events_queue(service: str, keys: tuple[str, ...] | None = None) -> Queue:
    """The service's events queue, bound to ``keys`` (default: its subscriptions above)."""
    from kombu import binding

    keys = SUBSCRIPTIONS.get(service, ()) if keys is None else keys
    bindings = [binding(EXCHANGE, routing_key=key) for key in keys]
    return Queue(events_queue_name(service), bindings=bindings, durable=True)


def dead_letter_queue(service: str) -> Queue:
    """The service's dead-letter queue (no bindings: only the worker and replays write to it)."""
    return Queue(dead_letter_queue_name(service), durable=True)


def consumers_of(routing_key: str) -> list[str]:
    """The services bound to ``routing_key`` (exact keys; wildcards matched too)."""
    return [service for service, keys in SUBSCRIPTIONS.items() if any(_matches(key, routing_key) for key in keys)]


def declare(channel: Any, services: list[str] | None = None) -> None:
    """Declare the exchange and the queues of ``services`` (all subscribers when None)."""
    EXCHANGE.bind(channel).declare()
    for service in SUBSCRIPTIONS if services is None else services:
        declare_service(channel, service, SUBSCRIPTIONS.get(service, ()))


def declare_service(channel: Any, service: str, keys: tuple[str, ...]) -> Queue:
    """Declare one service's events queue bound to ``keys``, and its dead-letter queue."""
    EXCHANGE.bind(channel).declare()
    queue = events_queue(service, keys).bind(channel)
    queue.declare()
    dead_letter_queue(service).bind(channel).declare()
    return queue


def _matches(pattern: str, key: str) -> bool:
    """AMQP topic matching: ``*`` is one word, ``#`` zero or more."""
    return _match(pattern.split("."), key.split("."))


def _match(pattern: list[str], words: list[str]) -> bool:
    if not pattern:
        return not words
    head, rest = pattern[0], pattern[1:]
    if head == "#":
        return any(_match(rest, words[i:]) for i in range(len(words) + 1))
    return bool(words) and head in ("*", words[0]) and _match(rest, words[1:])
