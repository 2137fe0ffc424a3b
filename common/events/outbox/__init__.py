"""The transactional outbox: ``publish(event)`` writes a row in the caller's transaction.

A relay (``common.messaging.relay``) sends unsent rows to RabbitMQ and marks them sent, so
a crash between commit and publish loses nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from common.events.base import Event
    from common.events.outbox.models import OutboxMessage


def publish(event: Event) -> OutboxMessage:
    """Write ``event`` to the outbox; must run inside ``transaction.atomic()``."""
    # Imported here: this package is a Django app, loaded before models may be imported.
    from common.events.outbox.writer import write

    return write(event)
