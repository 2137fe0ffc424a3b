"""``@handles(EventClass)``: how a service reacts to an event, applied at most once per event.

A service declares its handlers in ``<app>/handlers.py``::

    @handles(UserRegistered)
    def create_buyer_profile(event: UserRegistered, envelope: Envelope) -> None:
        ...

:func:`apply` runs a handler inside a transaction that also writes an inbox row keyed by
(event id, handler): a redelivered event finds the row and changes nothing.

A process without a database (the gateway's worker, whose handlers only push to
websockets) keeps its inbox in Redis instead: at least once in effect, and a redelivery
within :data:`REDIS_INBOX_SECONDS` of the first success changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
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
    if (event.type, event.version) != (handler.event_type, handler.version):
        raise InvalidEnvelope(
            f"{handler.name} handles {handler.event_type} v{handler.version}, not {event.type} v{event.version}"
        )
    if not has_database():
        return _apply_with_redis_inbox(handler, envelope, event)
    with transaction.atomic():
        if not _record_in_inbox(envelope, handler):
            _log_skipped(envelope, handler)
            return False
        handler.function(event, envelope)
    return True


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
