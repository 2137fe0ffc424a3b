"""Fixtures of the auth service's suite: real users with real tokens, outbox and Redis helpers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from auth_service.accounts import throttle
from auth_service.accounts.models import KnownDevice, User
from auth_service.accounts.services import device_hash
from auth_service.accounts.tokens import access_claims
from auth_service.tests.factories import PASSWORD, UserFactory
from common.events.outbox.models import OutboxMessage
from common.redis import get_redis
from common.testing.client import GatewayClient
from common.testing.tokens import mint_token

DEVICE = "device-0f6c1d2e-known"


@pytest.fixture(autouse=True)
def _db_and_clean_counters(db: Any) -> None:
    """Every test uses the database and starts with empty brute-force counters."""
    redis = get_redis()
    keys = list(redis.scan_iter(f"{throttle.KEY_PREFIX}*"))
    if keys:
        redis.delete(*keys)


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def user() -> User:
    """An account that signed up from ``DEVICE``."""
    account = UserFactory(username="Dana", email="dana@example.com")
    KnownDevice.objects.create(user=account, device_hash=device_hash(DEVICE))
    return account


@pytest.fixture
def token_of() -> Callable[..., str]:
    """``token_of(user, lifetime=...)`` → an access token for a real account."""

    def make(account: User, **kwargs: Any) -> str:
        return mint_token(access_claims(account), **kwargs)

    return make


@pytest.fixture
def client_of(token_of: Callable[..., str]) -> Callable[[User], GatewayClient]:
    """``client_of(user)`` → a gateway-signed client with the account's access token."""

    def make(account: User) -> GatewayClient:
        return GatewayClient(token=token_of(account))

    return make


def post(client: GatewayClient, path: str, body: Any = None, **extra: Any) -> Any:
    """POST JSON to ``/api/v1/auth/<path>``."""
    payload = "" if body is None else json.dumps(body)
    return client.post(f"/api/v1/auth/{path}", payload, content_type="application/json", **extra)


def published() -> list[str]:
    """Types of the events written to the outbox, oldest first."""
    return list(OutboxMessage.objects.order_by("occurred_at").values_list("type", flat=True))


def event_data(type_: str) -> dict[str, Any]:
    """The data of the latest outbox event of ``type_``."""
    return OutboxMessage.objects.filter(type=type_).latest("occurred_at").data
