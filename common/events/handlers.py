"""``@handles(EventClass)``: how a service reacts to an event, applied at most once per event.

A service declares its handlers in ``<app>/handlers.py``::

    @handles(UserRegistered)
    def create_buyer_profile(event: UserRegistered, envelope: Envelope) -> None:
        ...

:func:`apply` runs a handler inside a transaction that also writes an inbox row keyed by
(event id, handler): a redelivered event finds the row and changes nothing.

:func:`apply_batch` does the same for many (handler, event) pairs in one transaction, with
one inbox statement: all applied or none.

A process without a database (the gateway's worker, whose handlers only push to
websockets) keeps its inbox in Redis instead: at least once in effect, and a redelivery
within :data:`REDIS_INBOX_SECONDS` of the first success changes nothing.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, transaction

from common.events.base import Event
from common.events.envelope import Envelope, InvalidEnvelope, parse

log = logging.getLogger(__name__)

E = TypeVar("E", bound=Event)

# The Redis inbox of a process without a database: how long a handled event is remembered,
# and how long a running handler holds its claim (a worker killed mid-handler loses it then).
REDIS_INBOX_SECONDS = 86400
REDIS_CLAIM_SECONDS = 30
_DONE = b"done"
DUMMY_ENGINE = "django.db.backends.dummy"
HandlerFunction = Callable[[Any, Envelope], None]


@dataclass(frozen=True)
class Handler:
    """One function bound to one event type; ``name`` is its stable inbox key."""

    name: str
    event_type: str
    version: int
    function: HandlerFunction


_HANDLERS: dict[str, Handler] = {}


def handles(event_class: type[E]) -> Callable[[Callable[[E, Envelope], None]], Callable[[E, Envelope], None]]:
    """Register the decorated function as a handler of ``event_class``."""

    def register(function: Callable[[E, Envelope], None]) -> Callable[[E, Envelope], None]:
        name = f"{function.__module__}.{function.__qualname__}"
        _HANDLERS[name] = Handler(name, event_class.type, event_class.version, function)
        return function

    return register


_discovered = False


def discover() -> None:
    """Import ``handlers`` of every installed app (once), registering their handlers."""
    global _discovered
    if _discovered:
        return
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("handlers")
    _discovered = True


def registered() -> list[Handler]:
    """Every registered handler, sorted by name."""
    discover()
    return [_HANDLERS[name] for name in sorted(_HANDLERS)]


def handler_named(name: str) -> Handler:
    """The handler registered as ``name`` (``KeyError`` when none)."""
    discover()
    return _HANDLERS[name]


def handlers_for(event_type: str, version: int) -> list[Handler]:
    """The handlers of ``event_type`` at ``version``, sorted by name.

    None for another version of a type this service handles: while a producer publishes
    two versions side by side, each consumer applies the one it was written for.
    """
    return [h for h in registered() if (h.event_type, h.version) == (event_type, version)]


def handled_types() -> set[str]:
    """Every event type this process has a handler for."""
    return {handler.event_type for handler in registered()}


def apply(handler: Handler, body: bytes | str | dict[str, Any]) -> bool:
    """Run ``handler`` on the event in ``body`` unless it already ran; True when it ran now.

    With a database, the inbox row and the handler's effect commit together or not at all,
    and a second delivery of the same event waits on the first's row lock and then skips.
    Without one, the inbox is in Redis (:func:`_apply_with_redis_inbox`).
    """
    envelope, event = parse(body)
    _check_versions(handler, event)
    if not has_database():
        return _apply_with_redis_inbox(handler, envelope, event)
    with transaction.atomic():
        if not _record_in_inbox(envelope, handler):
            _log_skipped(envelope, handler)
            return False
        handler.function(event, envelope)
    return True


@dataclass(frozen=True)
class Delivery:
    """One handler to run on one parsed event."""

    handler: Handler
    envelope: Envelope
    event: Event


def apply_batch(
    deliveries: Sequence[Delivery],
    around: Callable[[Delivery], AbstractContextManager[object]] = lambda _: contextlib.nullcontext(),
) -> list[bool]:
    """Run every delivery's handler unless it already ran, all in one transaction; True for each run now.

    One ``INSERT ... ON CONFLICT DO NOTHING`` writes the inbox rows of the whole batch and
    says which pairs are new; a pair that is already in the inbox, or twice in the batch, is
    skipped. All or nothing: when a handler raises, the batch rolls back, its inbox rows
    too, and the error propagates (the caller then applies the deliveries one by one with
    :func:`apply`, so one failing handler holds back no other). Each handler runs inside
    ``around(delivery)`` (its log context). Needs a database.
    """
    for delivery in deliveries:
        _check_versions(delivery.handler, delivery.event)
    with transaction.atomic():
        new = _record_batch_in_inbox(deliveries)
        applied = []
        for delivery in deliveries:
            key = (delivery.envelope.id, delivery.handler.name)
            if key not in new:
                _log_skipped(delivery.envelope, delivery.handler)
                applied.append(False)
                continue
            new.discard(key)
            with around(delivery):
                delivery.handler.function(delivery.event, delivery.envelope)
            applied.append(True)
    return applied


def _check_versions(handler: Handler, event: Event) -> None:
    if (event.type, event.version) != (handler.event_type, handler.version):
        raise InvalidEnvelope(
            f"{handler.name} handles {handler.event_type} v{handler.version}, not {event.type} v{event.version}"
        )


def has_database() -> bool:
    """False in a process without a database (Django fills an empty ``DATABASES`` with its dummy backend)."""
    return any(db.get("ENGINE", DUMMY_ENGINE) != DUMMY_ENGINE for db in settings.DATABASES.values())


class HandlerBusy(Exception):
    """Another delivery of this event is running this handler right now (retried like any failure)."""


def redis_inbox_key(envelope: Envelope, handler: Handler) -> str:
    """The Redis key remembering that ``handler`` handled ``envelope``'s event."""
    return f"inbox:{settings.SERVICE_NAME}:{handler.name}:{envelope.id}"


def _apply_with_redis_inbox(handler: Handler, envelope: Envelope, event: Event) -> bool:
    """Claim the event with ``SET NX EX``, run the handler, then mark it done for a day.

    A failing handler releases its claim, so the retry runs it again. A worker killed
    mid-handler leaves a claim that expires after :data:`REDIS_CLAIM_SECONDS`: until
    then a redelivery raises :class:`HandlerBusy` and is retried later, so nothing is lost
    (at least once), while a redelivery after success is absorbed.
    """
    from common.redis import get_redis

    redis = get_redis()
    key = redis_inbox_key(envelope, handler)
    if not redis.set(key, b"running", nx=True, ex=REDIS_CLAIM_SECONDS):
        if redis.get(key) == _DONE:
            _log_skipped(envelope, handler)
            return False
        raise HandlerBusy(f"{handler.name} is already handling event {envelope.id}")
    try:
        handler.function(event, envelope)
    except BaseException:
        redis.delete(key)
        raise
    redis.set(key, _DONE, ex=REDIS_INBOX_SECONDS)
    return True


def _log_skipped(envelope: Envelope, handler: Handler) -> None:
    log.info("event already handled", extra={"event_id": str(envelope.id), "handler": handler.name})


def _record_in_inbox(envelope: Envelope, handler: Handler) -> bool:
    """Insert the inbox row; False when it exists (this event was applied already).

    One ``INSERT ... ON CONFLICT DO NOTHING`` rather than a savepoint and an
    IntegrityError: a concurrent delivery waits on the row lock and then sees the conflict.
    """
    from common.events.inbox.models import InboxEntry

    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {InboxEntry._meta.db_table} (event_id, handler, event_type, applied_at)"
            " VALUES (%s, %s, %s, now()) ON CONFLICT (event_id, handler) DO NOTHING RETURNING id",
            [envelope.id, handler.name, envelope.type],
        )
        return cursor.fetchone() is not None


def _record_batch_in_inbox(deliveries: Sequence[Delivery]) -> set[tuple[uuid.UUID, str]]:
    """Insert the inbox rows of every delivery in one statement; the (event id, handler) pairs that were new.

    Rows go in in a fixed order (event id, handler), so two batches holding the same events
    wait for each other instead of deadlocking.
    """
    from common.events.inbox.models import InboxEntry

    rows = sorted({(d.envelope.id, d.handler.name, d.envelope.type) for d in deliveries})
    if not rows:
        return set()
    event_ids, handlers, types = (list(column) for column in zip(*rows, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {InboxEntry._meta.db_table} (event_id, handler, event_type, applied_at)"
            " SELECT event_id, handler, event_type, now()"
            " FROM unnest(%s::uuid[], %s::text[], %s::text[]) WITH ORDINALITY AS new (event_id, handler, event_type, n)"
            " ORDER BY n ON CONFLICT (event_id, handler) DO NOTHING RETURNING event_id, handler",
            [event_ids, handlers, types],
        )
        return {(uuid.UUID(str(event_id)), str(handler)) for event_id, handler in cursor.fetchall()}
