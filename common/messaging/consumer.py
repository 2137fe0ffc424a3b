"""Consuming events in a service's Celery worker.

Two hops, both with late acks:

1. :class:`EventBridge`, a consumer step of the worker, reads the service's durable queue
   ``<service>.events`` and turns each event into one Celery task per handler on
   ``<service>.tasks``. It acks the event only once the broker confirmed those tasks.
2. :func:`handle_event`, that task, applies the handler through the inbox (at most once in
   effect per event id), retries with exponential backoff, and after the last retry parks
   the event in ``<service>.events.dead``.

A worker killed at any point loses nothing: an unacked event or task is redelivered, and
the inbox absorbs what was already applied.

The task's arguments are the handler's name and the whole envelope, secrets included (the
handler needs them), but Celery logs a task by its ``argsrepr``: each task carries one that
names the event without its data (:func:`loggable_args`), on every retry too.

Correlation: the bridge reads the event's ``x-request-id`` header and queues the handler tasks
with it and the event's id as causation id (:mod:`common.messaging.correlation`), so the
handler's log lines, and any event it publishes, carry the request that set it in motion.
Each handler run writes one ``event handled`` line (:mod:`common.logging.performance`).
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from celery import Celery, bootsteps, shared_task
from celery.exceptions import Retry
from django.conf import settings
from kombu import Consumer
from kombu.exceptions import OperationalError
from kombu.message import Message

from common.events import topology
from common.events.correlation import ids_in
from common.events.envelope import Envelope, InvalidEnvelope, parse
from common.events.handlers import apply, handled_types, handler_named, handlers_for
from common.events.secrets import redact_text
from common.logging.context import correlated
from common.logging.performance import log_event
from common.messaging.backoff import jittered_backoff
from common.messaging.dead_letters import send_to_dead_letters

log = logging.getLogger(__name__)

# Events the bridge holds unacked at once: it only forwards them, so more is cheap.
BRIDGE_PREFETCH = 50
TASK_NAME = "bazaar.events.handle"
# What one handler run did with its event, in its log line (common.logging.performance).
APPLIED, DUPLICATE, RETRY, DEAD_LETTERED, FAILED = "applied", "duplicate", "retry", "dead-lettered", "failed"


def retry_delay(retries: int) -> float:
    """Seconds before an event handler's next try (settings ``EVENT_RETRY_*_SECONDS``)."""
    return jittered_backoff(
        retries, base_seconds=settings.EVENT_RETRY_BASE_SECONDS, max_seconds=settings.EVENT_RETRY_MAX_SECONDS
    )


@shared_task(bind=True, name=TASK_NAME, acks_late=True, reject_on_worker_lost=True, max_retries=None)  # type: ignore[misc]  # Celery is untyped
def handle_event(self: Any, handler_name: str, body: str) -> bool:
    """Apply one handler to one event; True when it changed something now. Logs one line per run."""
    started = time.perf_counter()
    outcome = FAILED
    try:
        outcome = _run(self, handler_name, body)
    except Retry:
        outcome = RETRY
        raise
    finally:
        log_event(_type_of(body), handler_name, outcome, started)
    return outcome == APPLIED


def _run(task: Any, handler_name: str, body: str) -> str:
    """The handler's outcome (:data:`APPLIED`, :data:`DUPLICATE`, :data:`DEAD_LETTERED`), or a retry raised."""
    attempts = task.request.retries + 1
    try:
        handler = handler_named(handler_name)
    except KeyError:
        # The handler was renamed or removed since the task was queued: no retry can help.
        _dead_letter(body, handler_name, LookupError(f"no handler {handler_name}"), attempts=attempts)
        return DEAD_LETTERED
    try:
        return APPLIED if apply(handler, body) else DUPLICATE
    except InvalidEnvelope as error:
        # Retrying cannot fix a malformed event.
        _dead_letter(body, handler_name, error, attempts=attempts)
        return DEAD_LETTERED
    except Exception as error:
        if task.request.retries >= settings.EVENT_MAX_RETRIES:
            _dead_letter(body, handler_name, error, attempts=attempts)
            return DEAD_LETTERED
        log.warning("event handler %s failed (%s); retrying", handler_name, redact_text(str(error)))
        raise task.retry(
            exc=error, countdown=retry_delay(task.request.retries), argsrepr=loggable_args(handler_name, body)
        ) from error


def loggable_args(handler_name: str, body: str) -> str:
    """What Celery prints for a task's arguments: the handler and the event's id and type, never its data."""
    try:
        envelope, _ = parse(body)
    except InvalidEnvelope:
        return repr((handler_name, "<not a valid event>"))
    return repr((handler_name, f"<event {envelope.id} {envelope.type} v{envelope.version}>"))


def _dead_letter(body: str, handler_name: str, error: BaseException, *, attempts: int) -> None:
    log.error("event handler %s gave up after %d attempts: %s", handler_name, attempts, redact_text(repr(error)))
    send_to_dead_letters(
        body, handler=handler_name, error=f"{type(error).__name__}: {error}", attempts=attempts, event_id=_id_of(body)
    )


def _type_of(body: str) -> str:
    """The event type named in ``body``, for its log line ("" when there is none to read)."""
    try:
        envelope = json.loads(body)
    except ValueError:
        return ""
    kind = envelope.get("type") if isinstance(envelope, dict) else None
    return kind if isinstance(kind, str) else ""


def _id_of(body: str) -> str:
    try:
        return str(parse(body)[0].id)
    except InvalidEnvelope:
        return ""


class EventBridge(bootsteps.ConsumerStep):
    """Reads ``<service>.events`` and queues one :func:`handle_event` task per handler."""

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.service = parent.app.main

    def get_consumers(self, channel: Any) -> list[Consumer]:
        # Bound to what the handlers need, plus the declared subscriptions (normally the same).
        keys = tuple(sorted(handled_types() | set(topology.SUBSCRIPTIONS.get(self.service, ()))))
        queue = topology.declare_service(channel, self.service, keys)
        return [
            Consumer(
                channel,
                queues=[queue],
                on_message=self.on_message,
                prefetch_count=BRIDGE_PREFETCH,
            )
        ]

    def on_message(self, message: Message) -> None:
        body = message.body.decode() if isinstance(message.body, bytes) else str(message.body)
        request_id, _ = ids_in(message.headers)
        try:
            envelope, _ = parse(body)
        except InvalidEnvelope as error:
            with correlated(request_id, None):
                send_to_dead_letters(body, handler="", error=str(error), attempts=0)
            message.ack()
            return
        # The event's request id, and the event itself as the cause of what its handlers do:
        # the handler tasks queued here carry both (common.messaging.correlation).
        with correlated(request_id, str(envelope.id)):
            self._queue_handlers(message, envelope, body)
        message.ack()

    def _queue_handlers(self, message: Message, envelope: Envelope, body: str) -> None:
        only = (message.headers or {}).get("x-handler")
        handlers = [h for h in handlers_for(envelope.type, envelope.version) if not only or h.name == only]
        if not handlers:
            log.info("no handler for %s v%d in %s; acked", envelope.type, envelope.version, self.service)
        for handler in handlers:
            try:
                handle_event.apply_async(
                    (handler.name, body),
                    queue=f"{self.service}.tasks",
                    retry=False,
                    argsrepr=loggable_args(handler.name, body),
                    kwargsrepr="{}",
                )
            except OperationalError as error:
                # Celery wraps a lost connection in kombu's OperationalError, which the worker
                # does not take for a connection error: it would stop for good. Raising the
                # cause makes it reconnect, and this unacked event comes back.
                raise (error.__cause__ or error) from None


def attach_event_consumer(app: Celery) -> None:
    """Make ``app``'s worker consume its service's events queue."""
    app.steps["consumer"].add(EventBridge)
