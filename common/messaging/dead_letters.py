"""The dead-letter queue of a service: events a handler could not apply after its last retry.

Each dead letter is the original envelope, with headers saying which handler failed, why,
after how many attempts and when. Operators list, show and replay them with
``manage.py dead_letters``; a replay sends the envelope back to the service's own events
queue only (not to the exchange, so other services do not see it twice).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from django.conf import settings
from kombu import Connection, Producer
from kombu.message import Message

from common.events import topology
from common.events.correlation import current_ids, ids_in, message_headers
from common.events.secrets import redact_text, redacted_body
from common.messaging.broker import broker_connection
from common.progress import Progress


@dataclass(frozen=True)
class DeadLetter:
    """One dead-lettered message as an operator sees it."""

    event_id: str
    event_type: str
    handler: str
    error: str
    attempts: int
    failed_at: str
    body: str
    request_id: str = ""

    @property
    def shown_body(self) -> str:
        """The body as an operator may see it: secret fields redacted (``body`` keeps them for a replay)."""
        return redacted_body(self.body)

    @classmethod
    def of(cls, message: Message) -> DeadLetter:
        headers = message.headers or {}
        body = message.body.decode() if isinstance(message.body, bytes) else str(message.body)
        try:
            envelope = json.loads(body)
        except ValueError:
            envelope = {}
        envelope = envelope if isinstance(envelope, dict) else {}
        return cls(
            event_id=str(headers.get("x-event-id") or envelope.get("id", "?")),
            event_type=str(envelope.get("type", "?")),
            handler=str(headers.get("x-handler", "")),
            error=str(headers.get("x-error", "")),
            attempts=int(headers.get("x-attempts", 0)),
            failed_at=str(headers.get("x-failed-at", "")),
            body=body,
            request_id=ids_in(headers)[0],
        )


def service_name() -> str:
    return str(settings.SERVICE_NAME)


def send_to_dead_letters(body: str, *, handler: str, error: str, attempts: int, event_id: str = "") -> None:
    """Park ``body`` in this service's dead-letter queue, with why it failed."""
    with broker_connection() as broker:
        topology.declare(broker.default_channel, [service_name()])
        Producer(broker.default_channel).publish(
            body,
            exchange="",
            routing_key=topology.dead_letter_queue_name(service_name()),
            content_type="application/json",
            content_encoding="utf-8",
            delivery_mode=2,
            headers={
                "x-event-id": event_id,
                "x-handler": handler,
                "x-error": redact_text(error)[:2000],
                "x-attempts": attempts,
                "x-failed-at": datetime.now(UTC).isoformat(),
                # The request that set the event in motion: kept for the operator and a replay.
                **message_headers(current_ids()[0], ""),
            },
            retry=False,
        )


def _drain(broker: Connection) -> Iterator[Message]:
    """Every message of the dead-letter queue, unacknowledged (the caller acks or requeues)."""
    queue = topology.dead_letter_queue(service_name()).bind(broker.default_channel)
    queue.declare()
    while (message := queue.get(no_ack=False, accept=["json", "text/plain"])) is not None:
        yield message


def list_dead_letters() -> list[DeadLetter]:
    """Every dead letter, oldest first; the queue is left as it was."""
    with broker_connection() as broker:
        messages = list(_drain(broker))
        letters = [DeadLetter.of(message) for message in messages]
        for message in messages:
            message.requeue()
    return letters


# Given how many messages there are, what shows the progress through them (the command's bar).
Shown = Callable[[int], Progress] | None


def replay(event_ids: set[str] | None = None, *, shown: Shown = None) -> list[DeadLetter]:
    """Send dead letters (all, or those of ``event_ids``) back to this service's events queue."""
    return _take(event_ids, resend=True, shown=shown)


def discard(event_ids: set[str] | None = None, *, shown: Shown = None) -> list[DeadLetter]:
    """Delete dead letters (all, or those of ``event_ids``) for good."""
    return _take(event_ids, resend=False, shown=shown)


def _take(event_ids: set[str] | None, *, resend: bool, shown: Shown) -> list[DeadLetter]:
    taken = []
    with broker_connection() as broker:
        producer = Producer(broker.default_channel)
        messages = list(_drain(broker))
        for message in progress_through(messages, shown):
            letter = DeadLetter.of(message)
            if event_ids is not None and letter.event_id not in event_ids:
                message.requeue()
                continue
            if resend:
                _resend(producer, letter)
            message.ack()
            taken.append(letter)
    return taken


def _resend(producer: Producer, letter: DeadLetter) -> None:
    producer.publish(
        letter.body,
        exchange="",
        routing_key=topology.events_queue_name(service_name()),
        content_type="application/json",
        content_encoding="utf-8",
        delivery_mode=2,
        headers={
            "x-replayed-from-dead-letters": True,
            **_only_handler(letter),
            **message_headers(letter.request_id, ""),
        },
        retry=False,
    )


def _only_handler(letter: DeadLetter) -> dict[str, Any]:
    """A replay runs only the handler that failed (the others already applied the event)."""
    return {"x-handler": letter.handler} if letter.handler else {}


T = TypeVar("T")


def progress_through(items: Sequence[T], shown: Shown) -> Iterator[T]:
    """``items``, advancing the progress ``shown`` makes for them, if any."""
    if shown is None:
        yield from items
        return
    with shown(len(items)) as progress:
        for item in items:
            yield item
            progress.advance()
