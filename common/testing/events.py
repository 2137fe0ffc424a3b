"""Test helpers for events: what a use-case published, and delivering an event to handlers.

Both go through JSON exactly as the broker would carry it, so a field that does not survive
serialisation fails the test, not production::

    def test_signup_announces_the_new_user(events):
        signup(...)
        assert [e.username for e in events.published(UserRegistered)] == ["dora"]

    def test_registration_creates_the_buyer_profile(events):
        events.deliver(UserRegistered(user_id=7, username="dora", ...))
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import TypeVar

from django.utils import timezone

from common.events.base import Event, event_class
from common.events.envelope import envelope_of
from common.events.handlers import apply, handlers_for

E = TypeVar("E", bound=Event)


def published(of: type[E] | None = None) -> list[E]:
    """Events written to this service's outbox (in this test's transaction), oldest first; of ``of``'s version only."""
    from common.events.outbox.models import OutboxMessage

    rows = OutboxMessage.objects.order_by("occurred_at", "pk")
    if of is not None:
        rows = rows.filter(type=of.type, version=of.version)
    events = []
    for row in rows:
        # The JSON round trip the relay and broker would put the data through.
        data = json.loads(json.dumps(row.data))
        events.append(event_class(row.type, row.version).model_validate(data))
    return events  # type: ignore[return-value]


def envelope_json(event: Event, *, event_id: uuid.UUID | None = None, occurred_at: datetime | None = None) -> str:
    """The message body the relay would send for ``event``."""
    envelope = envelope_of(event, event_id=event_id or uuid.uuid4(), occurred_at=occurred_at or timezone.now())
    return json.dumps(envelope)


def deliver(event: Event, *, event_id: uuid.UUID | None = None, occurred_at: datetime | None = None) -> list[bool]:
    """Run every handler of ``event``'s type on it, as the worker would; True for each that applied it.

    Deliver the same ``event_id`` twice to check a handler applies it once.
    """
    body = envelope_json(event, event_id=event_id, occurred_at=occurred_at)
    handlers = handlers_for(event.type, event.version)
    assert handlers, f"no handler of {event.type} is registered in this service"
    return [apply(handler, body) for handler in handlers]


class EventsFixture:
    """The ``events`` fixture: ``published``, ``deliver`` and ``envelope_json`` in one place."""

    published = staticmethod(published)
    deliver = staticmethod(deliver)
    envelope_json = staticmethod(envelope_json)
