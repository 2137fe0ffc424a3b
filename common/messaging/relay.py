"""The outbox relay: sends committed outbox rows to RabbitMQ, then marks them sent.

One relay runs per service (``manage.py relay_events``). Each round locks a batch of unsent
rows (``FOR UPDATE SKIP LOCKED``, so two relays never send the same row at once), publishes
them all as persistent messages, waits until the broker confirmed every one (publisher
confirms: one wait per batch, not one round trip per row), and marks the batch sent in one
UPDATE of the same transaction. A nack or a lost connection leaves the whole batch unsent. A
relay that dies after publishing but before committing leaves the rows unsent: they are sent
again, and the consumers' inbox absorbs the duplicate. Nothing is lost.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import psycopg
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from kombu import Connection, Producer

from common.events import topology
from common.events.base import event_class
from common.events.correlation import message_headers
from common.events.outbox.models import OutboxMessage
from common.events.outbox.writer import WAKE_UP_CHANNEL
from common.logging.context import correlated
from common.messaging.broker import broker_connection

log = logging.getLogger(__name__)

HOUSEKEEPING_EVERY_SECONDS = 3600
IDLE_POLL_SECONDS = 1.0
BACKOFF_FIRST_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 30.0


CONFIRM_TIMEOUT_SECONDS = 30.0


class Unconfirmed(Exception):
    """The broker refused (nacked) a message of the batch, or did not confirm it in time."""


class Confirms:
    """Publisher confirms of one channel, awaited for a whole batch rather than message by message.

    The channel is put in confirm mode once; the broker then numbers the messages published
    on it 1, 2, 3 ... and acks (or nacks) them by number, one or many at a time
    (``multiple``). Publishing sends without waiting; :meth:`wait` returns once every message
    published since the last wait is confirmed.
    """

    def __init__(self, channel: Any) -> None:
        self.channel = channel
        self.published = 0
        self.confirmed = 0
        self.refused = False
        # py-amqp waits for each confirm in basic_publish when the connection asks for
        # confirms; its plain publish sends and returns, and the acks are counted here.
        channel.basic_publish = channel._basic_publish
        if not channel._confirm_selected:
            channel._confirm_selected = True
            channel.confirm_select()
        channel.events["basic_ack"].add(self._acked)
        channel.events["basic_nack"].add(self._nacked)

    @classmethod
    def of(cls, channel: Any) -> Confirms:
        """The confirms of ``channel`` (made on its first use)."""
        confirms: Confirms | None = getattr(channel, "_bazaar_confirms", None)
        if confirms is None:
            confirms = channel._bazaar_confirms = cls(channel)
        return confirms

    def _acked(self, delivery_tag: int, multiple: bool) -> None:
        self.confirmed = max(self.confirmed, delivery_tag) if multiple else self.confirmed + 1

    def _nacked(self, delivery_tag: int, multiple: bool) -> None:
        self.refused = True
        self._acked(delivery_tag, multiple)

    def wait(self, timeout: float = CONFIRM_TIMEOUT_SECONDS) -> None:
        """Return once every message published so far is confirmed; ``Unconfirmed`` when one was refused."""
        deadline = time.monotonic() + timeout
        while self.confirmed < self.published:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Unconfirmed(f"{self.published - self.confirmed} messages unconfirmed after {timeout:g}s")
            with contextlib.suppress(TimeoutError):
                self.channel.connection.drain_events(timeout=remaining)
        if self.refused:
            self.refused = False
            raise Unconfirmed("the broker refused a message of the batch")


def publish_batch(producer: Producer, messages: list[OutboxMessage]) -> None:
    """Send every row to ``bazaar.events``, then wait until the broker confirmed them all."""
    confirms = Confirms.of(producer.channel)
    for message in messages:
        publish_message(producer, message)
        confirms.published += 1
    confirms.wait()


def publish_message(producer: Producer, message: OutboxMessage) -> None:
    """Send one row to ``bazaar.events``, its correlation ids as headers (confirmed by :func:`publish_batch`)."""
    producer.publish(
        message.envelope(),
        exchange=topology.EXCHANGE,
        routing_key=message.type,
        serializer="json",
        delivery_mode=2,
        message_id=str(message.id),
        headers=message_headers(message.request_id, message.causation_id),
        retry=False,
    )


REDACTED = "[sent]"


def mark_sent(messages: list[OutboxMessage]) -> None:
    """Stamp ``published_at`` on rows the broker confirmed, and blank their secrets."""
    OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).update(published_at=timezone.now())
    with_secrets = [m for m in messages if redact_secrets(m)]
    if with_secrets:
        OutboxMessage.objects.bulk_update(with_secrets, ["data"])


def redact_secrets(message: OutboxMessage) -> bool:
    """Replace the event's secret fields in ``message.data``; True when there were any."""
    try:
        secrets = event_class(message.type, message.version).secret_fields
    except KeyError:
        return False
    present = secrets & message.data.keys()
    message.data = {**message.data, **dict.fromkeys(present, REDACTED)}
    return bool(present)


def relay_batch(producer: Producer, batch_size: int) -> int:
    """Publish up to ``batch_size`` unsent rows, oldest first; how many were sent."""
    with transaction.atomic():
        messages = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(published_at__isnull=True)
            .order_by("occurred_at")[:batch_size]
        )
        if messages:
            publish_batch(producer, messages)
            mark_sent(messages)
        for message in messages:
            # The row's ids on the relay's own line, as on every line of the request that wrote it.
            with correlated(message.request_id, message.causation_id):
                log.info("event published", extra={"event_id": str(message.id), "event_type": message.type})
    return len(messages)


def purge_old_rows() -> tuple[int, int]:
    """Delete sent outbox rows and inbox rows past their retention; (outbox, inbox) deleted."""
    from common.events.inbox.models import InboxEntry

    now = timezone.now()
    outbox, _ = OutboxMessage.objects.filter(
        published_at__lt=now - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    ).delete()
    inbox, _ = InboxEntry.objects.filter(applied_at__lt=now - timedelta(days=settings.INBOX_RETENTION_DAYS)).delete()
    return outbox, inbox


def keep_alive(broker: Connection) -> None:
    """Read the broker's heartbeats and send ours, so an idle relay keeps its connection."""
    with contextlib.suppress(TimeoutError):
        broker.drain_events(timeout=0)
    broker.heartbeat_check()


class WakeUps:
    """LISTENs for the outbox's NOTIFY on a connection of its own."""

    def __init__(self) -> None:
        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        self.connection = psycopg.connect(**params, autocommit=True)
        self.connection.execute(f"LISTEN {WAKE_UP_CHANNEL}")

    def wait(self, timeout: float) -> None:
        """Return at the next commit of an event, or after ``timeout`` seconds."""
        for _ in self.connection.notifies(timeout=timeout, stop_after=1):
            pass

    def close(self) -> None:
        self.connection.close()


@dataclass
class Relay:
    """The relay loop of one service; ``stop()`` ends it after the current round."""

    batch_size: int = field(default_factory=lambda: settings.RELAY_BATCH_SIZE)
    connect: Callable[[], Connection] = broker_connection
    stopping: bool = False
    sent: int = 0
    _next_housekeeping: float = 0.0

    def stop(self, *_: Any) -> None:
        self.stopping = True

    def run(self) -> None:
        """Relay until stopped, reconnecting with backoff while RabbitMQ or PostgreSQL is away."""
        backoff = BACKOFF_FIRST_SECONDS
        while not self.stopping:
            try:
                self._serve()
                backoff = BACKOFF_FIRST_SECONDS
            except Exception as error:  # any failure: rows stay unsent, retry later
                log.warning("relay paused: %s; retrying in %.1fs", error, backoff)
                connection.close()
                time.sleep(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX_SECONDS)

    def _serve(self) -> None:
        wake_ups = WakeUps()
        try:
            with self.connect() as broker:
                topology.declare(broker.default_channel)
                producer = Producer(broker.default_channel)
                log.info("relay connected to %s", broker.as_uri())
                while not self.stopping:
                    sent = relay_batch(producer, self.batch_size)
                    self.sent += sent
                    self._housekeeping()
                    keep_alive(broker)
                    if sent < self.batch_size:
                        wake_ups.wait(IDLE_POLL_SECONDS)
        finally:
            wake_ups.close()

    def _housekeeping(self) -> None:
        if time.monotonic() < self._next_housekeeping:
            return
        self._next_housekeeping = time.monotonic() + HOUSEKEEPING_EVERY_SECONDS
        outbox, inbox = purge_old_rows()
        if outbox or inbox:
            log.info("purged %d sent outbox rows and %d inbox rows", outbox, inbox)
