"""Connections to RabbitMQ for code that is not a Celery task (relay, dead-letter tools)."""

from __future__ import annotations

from django.conf import settings
from kombu import Connection

CONNECT_TIMEOUT_SECONDS = 5


def broker_connection() -> Connection:
    """A kombu connection whose publishes wait for the broker's confirm (publisher confirms)."""
    return Connection(
        settings.RABBITMQ_URL,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        heartbeat=30,
        transport_options={"confirm_publish": True},
    )
