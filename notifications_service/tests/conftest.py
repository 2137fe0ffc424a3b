"""Fixtures of the notifications service's suite: a real SMTP server, personas' notifications."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from common.events.outbox.models import OutboxMessage
from common.testing.client import GatewayClient
from notifications_service.celery import app as celery_app
from notifications_service.notifications.models import Recipient
from notifications_service.tests.factories import ALICE, BOB, RecipientFactory
from notifications_service.tests.smtp import SmtpServer


@pytest.fixture
def stopped_smtp_server(settings: Any) -> Iterator[SmtpServer]:
    """An SMTP server the service is configured to use, not running yet (``.start()`` it)."""
    server = SmtpServer()
    # pytest-django swaps in the in-memory backend; these tests talk SMTP as production does.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def smtp_server(stopped_smtp_server: SmtpServer) -> SmtpServer:
    """A running SMTP server the service sends through; ``.messages`` holds what it received."""
    return stopped_smtp_server.start()


@pytest.fixture
def eager_celery(monkeypatch: pytest.MonkeyPatch) -> None:
    """``delay()`` runs the task in this process, as a worker would."""
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)


@pytest.fixture
def parties(db: None) -> tuple[Recipient, Recipient]:
    """alice (the buyer) and bob (the seller) in the recipient directory, as their registrations left them."""
    return RecipientFactory(**ALICE), RecipientFactory(**BOB)


def post(client: GatewayClient, path: str, body: Any = None) -> Any:
    """POST JSON to ``/api/v1/notifications<path>``."""
    payload = "" if body is None else json.dumps(body)
    return client.post(f"/api/v1/notifications{path}", payload, content_type="application/json")


def patch(client: GatewayClient, path: str, body: Any) -> Any:
    return client.patch(f"/api/v1/notifications{path}", json.dumps(body), content_type="application/json")


def published_types() -> list[str]:
    """Types of the events written to the outbox, oldest first."""
    return list(OutboxMessage.objects.order_by("occurred_at").values_list("type", flat=True))


@pytest.fixture
def presence(settings: Any) -> Iterator[Any]:
    """Who is online, in the real Redis under a prefix of this test's; ``presence.come_online(user_id)``."""
    import time
    import uuid

    from common.presence import presence_key
    from common.redis import get_redis

    settings.REALTIME_KEY_PREFIX = f"test-realtime:{uuid.uuid4().hex[:12]}"
    redis = get_redis()

    class Presence:
        @staticmethod
        def come_online(user_id: int) -> None:
            # As the gateway marks a live connection: a member scored by when it expires.
            redis.zadd(presence_key(user_id), {"connection-1": time.time() + 60})

    yield Presence
    for key in redis.scan_iter(f"{settings.REALTIME_KEY_PREFIX}:*"):
        redis.delete(key)
