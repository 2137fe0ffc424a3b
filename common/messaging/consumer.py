"""Consuming events in a service's Celery worker.

Two hops, both with late acks:

1. :class:`EventBridge`, a consumer step of the worker, reads the service's durable queue
   ``<service>.events`` and gathers the events into batches: a batch goes out as one Celery
   task :func:`handle_events` on ``<service>.tasks`` when it holds ``EVENT_BATCH_SIZE``
   events, or as soon as the worker's pool has a free process (an event waits at most
   :data:`BATCH_MAX_WAIT_SECONDS`). It acks the batch's events only once the broker
   confirmed that task. While the pool is busy, events gather, so a busier worker pays the
   task hop, the transaction and the inbox statement once per batch rather than per event.
2. :func:`handle_events` applies every handler of every event of its batch in one
   transaction with one inbox statement (:func:`common.events.handlers.apply_batch`). When a
   handler fails, the batch rolls back and each (event, handler) is applied on its own;
   one that fails again is retried as its own task :func:`handle_event`, with exponential
   backoff, and after the last retry its event is parked in ``<service>.events.dead``.

A worker killed at any point loses nothing: an unacked event or task is redelivered, and
the inbox absorbs what was already applied.

The tasks' arguments are handler names and whole envelopes, secrets included (the handlers
need them), but Celery logs a task by its ``argsrepr``: each task carries one that names the
events without their data (:func:`loggable_args`), on every retry too.

Correlation: the bridge reads each event's ``x-request-id`` header and the batch carries it;
each handler runs with it and the event's id as causation id (and a retry task is queued
with them, :mod:`common.messaging.correlation`), so the handler's log lines, and any event it
publishes, carry the request that set it in motion. Each handler run writes one ``event
handled`` line (:mod:`common.logging.performance`).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from celery import Celery, bootsteps, shared_task
from celery.exceptions import Retry
from celery.worker import state as worker_state
from django.conf import settings
from kombu import Consumer
from kombu.exceptions import OperationalError
from kombu.message import Message

from common.events import topology
from common.events.correlation import ids_in
from common.events.envelope import InvalidEnvelope, parse
from common.events.handlers import (
    Delivery,
    apply,
    apply_batch,
    handled_types,
    handler_named,
    handlers_for,
    has_database,
)
from common.events.secrets import redact_text
from common.logging.context import correlated
from common.logging.performance import log_event
from common.messaging.backoff import jittered_backoff
from common.messaging.dead_letters import send_to_dead_letters

log = logging.getLogger(__name__)

# Events the bridge holds unacked at once: it only forwards them, so more is cheap.
BRIDGE_PREFETCH = 50
TASK_NAME = "bazaar.events.handle"
BATCH_TASK_NAME = "bazaar.events.handle_batch"
# How often the bridge looks whether the pool has a free process for the events it holds,
# and the longest an event waits for one (another worker may be the one taking the tasks).
BATCH_CHECK_SECONDS = 0.005
BATCH_MAX_WAIT_SECONDS = 0.1
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


@shared_task(bind=True, name=BATCH_TASK_NAME, acks_late=True, reject_on_worker_lost=True)  # type: ignore[misc]  # Celery is untyped
def handle_events(self: Any, batch: list[list[Any]]) -> int:
    """Apply a batch of events, ``[[body, request id, [handler name, ...]], ...]``; how many runs changed something.

    All in one transaction when every handler succeeds; otherwise each (event, handler) on
    its own, a failing one retried as its own :func:`handle_event` task.
    """
    runs = [Run(str(body), str(request_id), str(name)) for body, request_id, names in batch for name in names]
    if has_database() and all(run.delivery for run in runs):
        timed = TimedRuns(runs)
        try:
            applied = apply_batch([run.delivery for run in runs if run.delivery], around=timed.around)
        except Exception as error:
            log.info(
                "a handler failed in a batch of %d events (%s); applying them one by one",
                len(batch),
                redact_text(str(error)),
            )
        else:
            timed.log(applied)
            return sum(applied)
    return sum(run.first_try(self.app.main) for run in runs)


class Run:
    """One handler to run on one event of a batch."""

    def __init__(self, body: str, request_id: str, handler_name: str) -> None:
        self.body, self.request_id, self.handler_name = body, request_id, handler_name
        self.delivery: Delivery | None = None
        try:
            envelope, event = parse(body)
            self.delivery = Delivery(handler_named(handler_name), envelope, event)
        except (InvalidEnvelope, KeyError):
            pass  # left to first_try, which dead-letters it as handle_event would

    def first_try(self, service: str) -> bool:
        """Apply the handler as :func:`handle_event`'s first attempt would; a failure queues that task's retry."""
        with correlated(self.request_id, str(self.delivery.envelope.id) if self.delivery else _id_of(self.body)):
            started = time.perf_counter()
            outcome = FAILED
            try:
                outcome = _run(_FirstAttempt(service, self.handler_name, self.body), self.handler_name, self.body)
            except Retry:
                outcome = RETRY
            finally:
                log_event(_type_of(self.body), self.handler_name, outcome, started)
        return outcome == APPLIED


class TimedRuns:
    """The runs of one batch by delivery: each handler's log context, start time and log line."""

    def __init__(self, runs: list[Run]) -> None:
        self.runs = runs
        self.by_delivery = {id(run.delivery): run for run in runs}
        self.took: dict[int, float] = {}

    @contextmanager
    def around(self, delivery: Delivery) -> Iterator[None]:
        """Around each handler of the batch: its request id, its event as cause; how long it took."""
        started = time.perf_counter()
        with correlated(self.by_delivery[id(delivery)].request_id, str(delivery.envelope.id)):
            yield
        self.took[id(delivery)] = time.perf_counter() - started

    def log(self, applied: list[bool]) -> None:
        """One ``event handled`` line per run, once the batch committed (a duplicate ran nothing: 0 ms)."""
        for run, now in zip(self.runs, applied, strict=True):
            assert run.delivery is not None
            with correlated(run.request_id, str(run.delivery.envelope.id)):
                started = time.perf_counter() - self.took.get(id(run.delivery), 0.0)
                log_event(run.delivery.envelope.type, run.handler_name, APPLIED if now else DUPLICATE, started)


class _FirstAttempt:
    """What :func:`_run` asks of a task, for a handler run from a batch: its retry is a task of its own."""

    def __init__(self, service: str, handler_name: str, body: str) -> None:
        self.service, self.handler_name, self.body = service, handler_name, body
        self.request = SimpleNamespace(retries=0)

    def retry(self, *, exc: BaseException, countdown: float, argsrepr: str) -> Retry:
        """Queue the handler's second attempt (``retries=1``) ``countdown`` seconds from now, confirmed."""
        handle_event.apply_async(
            (self.handler_name, self.body),
            queue=f"{self.service}.tasks",
            countdown=countdown,
            retries=1,
            retry=False,
            argsrepr=argsrepr,
            kwargsrepr="{}",
        )
        return Retry(exc=exc, when=countdown)


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


@dataclass(frozen=True)
class Held:
    """An event the bridge holds for the next batch: its message (to ack), the task's item, its ids."""

    message: Message
    item: list[Any]
    described: str  # how the task's log line names it
    request_id: str
    event_id: str


class EventBridge(bootsteps.ConsumerStep):
    """Reads ``<service>.events`` and queues its events in batches, as :func:`handle_events` tasks."""

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.service = parent.app.main
        self.consumer = parent
        self.batch_size = max(1, int(settings.EVENT_BATCH_SIZE))
        self.pending: list[Held] = []
        self.first_pending_at = 0.0
        self.flushed_at = 0.0
        self.timer: Any = None

    def get_consumers(self, channel: Any) -> list[Consumer]:
        # Events held from a lost connection come back unacked by themselves.
        self._drop_pending()
        # Bound to what the handlers need, plus the declared subscriptions (normally the same).
        keys = tuple(sorted(handled_types() | set(topology.SUBSCRIPTIONS.get(self.service, ()))))
        queue = topology.declare_service(channel, self.service, keys)
        return [
            Consumer(
                channel,
                queues=[queue],
                on_message=self.on_message,
                prefetch_count=max(BRIDGE_PREFETCH, 2 * self.batch_size),
            )
        ]

    def stop(self, c: Any) -> None:
        self._drop_pending()
        super().stop(c)

    def _drop_pending(self) -> None:
        self.pending = []
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

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
        only = (message.headers or {}).get("x-handler")
        handlers = [h.name for h in handlers_for(envelope.type, envelope.version) if not only or h.name == only]
        if not handlers:
            log.info("no handler for %s v%d in %s; acked", envelope.type, envelope.version, self.service)
            message.ack()
            return
        if not self.pending:
            self.first_pending_at = time.monotonic()
        described = f"<event {envelope.id} {envelope.type} v{envelope.version}: {len(handlers)} handlers>"
        self.pending.append(Held(message, [body, request_id, handlers], described, request_id, str(envelope.id)))
        self._flush_when_due()

    def _flush_when_due(self) -> None:
        """Queue the held events now if the batch is full, the pool has a free process or the oldest waited enough."""
        if not self.pending:
            return
        hub = getattr(self.consumer, "hub", None)
        now = time.monotonic()
        if (
            hub is None
            or len(self.pending) >= self.batch_size
            or now - self.first_pending_at >= BATCH_MAX_WAIT_SECONDS
            # A batch just queued is not reserved yet: until it is, the pool counts as busy.
            or (
                len(worker_state.reserved_requests) < self._pool_size() and now - self.flushed_at >= BATCH_CHECK_SECONDS
            )
        ):
            self._flush()
        elif self.timer is None:
            self.timer = hub.call_later(BATCH_CHECK_SECONDS, self._on_timer)

    def _on_timer(self) -> None:
        self.timer = None
        self._flush_when_due()

    def _pool_size(self) -> int:
        controller = getattr(self.consumer, "controller", None)
        return int(getattr(controller, "concurrency", None) or 1)

    def _flush(self) -> None:
        batch, self.pending = self.pending, []
        self.flushed_at = time.monotonic()
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        # Celery's own lines about the task carry the ids its events share: a lone event's
        # request and itself as cause; the request of events that all came from one.
        request_ids = {held.request_id for held in batch}
        request_id = request_ids.pop() if len(request_ids) == 1 else None
        try:
            with correlated(request_id, batch[0].event_id if len(batch) == 1 else None):
                handle_events.apply_async(
                    ([held.item for held in batch],),
                    queue=f"{self.service}.tasks",
                    retry=False,
                    # What Celery logs for the task: the events' ids and types, never their data.
                    argsrepr=repr(([held.described for held in batch],)),
                    kwargsrepr="{}",
                )
        except OperationalError as error:
            # Celery wraps a lost connection in kombu's OperationalError, which the worker
            # does not take for a connection error: it would stop for good. Raising the
            # cause makes it reconnect, and these unacked events come back.
            raise (error.__cause__ or error) from None
        # Every event delivered on this channel before the batch's last one is either in
        # the batch or acked already: one ack covers them all.
        batch[-1].message.ack(multiple=True)


def attach_event_consumer(app: Celery) -> None:
    """Make ``app``'s worker consume its service's events queue."""
    app.steps["consumer"].add(EventBridge)
