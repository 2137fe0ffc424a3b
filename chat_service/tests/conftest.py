"""Fixtures of the chat service's suite: the personas in chat's directory, bob's gig, uploads."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from chat_service.chat.models import ChatUser, Gig
from chat_service.tests.factories import ChatUserFactory, GigFactory
from common.events.outbox.models import OutboxMessage
from common.testing.client import GatewayClient
from common.testing.plugin import PERSONAS

MESSAGES = "/api/v1/messages"


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Uploads go to a folder of this test only."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.GATEWAY_URL = "https://bazaar.test"
    return tmp_path / "media"


@pytest.fixture
def users(db: None) -> dict[str, ChatUser]:
    """alice, bob, charlie and mallory as chat's directory knows them (from their registrations)."""
    names = ["alice", "bob", "charlie", "mallory"]
    return {name: ChatUserFactory(user_id=PERSONAS[name].user_id, username=name) for name in names}


@pytest.fixture
def bobs_gig(db: None) -> Gig:
    """An active gig of bob (the seller persona)."""
    return GigFactory(gig_id=501, seller_id=PERSONAS["bob"].user_id, title="Logo design")


def post(client: GatewayClient, path: str, body: Any = None) -> Any:
    """POST JSON (or nothing) to ``path``."""
    payload = "" if body is None else json.dumps(body)
    return client.post(path, payload, content_type="application/json")


def send(client: GatewayClient, **body: Any) -> Any:
    """``POST /api/v1/messages`` with a JSON body."""
    return post(client, MESSAGES, body)


def upload(client: GatewayClient, **fields: Any) -> Any:
    """``POST /api/v1/messages`` as multipart (files as ``SimpleUploadedFile``)."""
    return client.post(MESSAGES, fields, format="multipart")


def published_types() -> list[str]:
    """Types of the events written to the outbox, oldest first."""
    return list(OutboxMessage.objects.order_by("occurred_at", "pk").values_list("type", flat=True))


def race(*calls: Callable[[], object]) -> list[object]:
    """Run ``calls`` in threads released together; each's result or the exception it raised."""
    start = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        start.wait()
        try:
            outcomes[index] = call()
        except Exception as error:  # the outcome under test, asserted by the caller
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes
