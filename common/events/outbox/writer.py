"""``publish(event)``: the only way a service emits an event."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from common.events.base import Event
from common.events.correlation import current_ids
from common.events.outbox.models import OutboxMessage

WAKE_UP_CHANNEL = "bazaar_outbox"


class PublishOutsideTransaction(RuntimeError):
    """``publish`` was called outside ``transaction.atomic()``."""


def write(event: Event) -> OutboxMessage:
    """Write ``event`` to the outbox in the current transaction.

    Refuses to run outside a transaction: the event must commit or roll back together
    with the change it describes. The row records the request and causation ids of the
    current logging context, which the relay sends on as message headers.
    """
    if not connection.in_atomic_block:
        raise PublishOutsideTransaction(f"publish({event.type}) must run inside transaction.atomic()")
    request_id, causation_id = current_ids()
    message: OutboxMessage = OutboxMessage.objects.create(
        type=event.type,
        version=event.version,
        producer=event.producer,
        occurred_at=timezone.now(),
        data=event.model_dump(mode="json"),
        request_id=request_id,
        causation_id=causation_id,
    )
    # Wakes the relay as soon as this transaction commits (PostgreSQL delivers NOTIFY on
    # commit and drops it on rollback); the relay also polls, so a lost wake-up only delays.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, '')", [WAKE_UP_CHANNEL])
    return message
