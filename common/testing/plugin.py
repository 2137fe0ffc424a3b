"""Fixtures every service's tests share: personas, signed clients, tokens.

Personas (as in healthchecks' ``hc/test.py``): ``alice`` buys, ``bob`` and ``charlie``
sell, ``mallory`` is a stranger to everyone's objects, ``admin`` is staff.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from common.testing.client import GatewayClient


# The client and token modules need Django settings, which pytest-django configures
# after plugins load: import them inside the fixtures.


@dataclass(frozen=True)
class Persona:
    """A test user as the token describes them."""

    user_id: int
    username: str
    email: str
    is_seller: bool = False
    is_staff: bool = False
    email_verified: bool = True

    def claims(self) -> dict[str, object]:
        return asdict(self)


PERSONAS = {
    "alice": Persona(1001, "alice", "alice@example.com"),
    "bob": Persona(1002, "bob", "bob@example.com", is_seller=True),
    "charlie": Persona(1003, "charlie", "charlie@example.com", is_seller=True),
    "mallory": Persona(1004, "mallory", "mallory@example.com"),
    "admin": Persona(1005, "admin", "admin@example.com", is_staff=True),
}


@pytest.fixture
def personas() -> dict[str, Persona]:
    """Every persona by name."""
    return PERSONAS


@pytest.fixture
def token_for() -> Callable[..., str]:
    """``token_for("alice", lifetime=-10)`` → a signed access token for a persona."""

    from common.testing.tokens import mint_token

    def make(name: str, **kwargs: object) -> str:
        return mint_token(PERSONAS[name].claims(), **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture
def api_client() -> GatewayClient:
    """An anonymous client whose requests come through the (simulated) gateway."""
    from common.testing.client import GatewayClient

    return GatewayClient()


@pytest.fixture
def api_client_as(token_for: Callable[..., str]) -> Callable[[str], GatewayClient]:
    """``api_client_as("bob")`` → a gateway-signed client with bob's access token."""

    from common.testing.client import GatewayClient

    def make(name: str) -> GatewayClient:
        return GatewayClient(token=token_for(name))

    return make


@pytest.fixture
def unsigned_client(token_for: Callable[..., str]) -> GatewayClient:
    """A client with a valid token that bypasses the gateway (no signature)."""
    from common.testing.client import GatewayClient

    return GatewayClient(token=token_for("alice"), signed=False)


@pytest.fixture
def events(db: None) -> object:
    """``events.published(EventClass)`` and ``events.deliver(event)`` (common/testing/events.py)."""
    from common.testing.events import EventsFixture

    return EventsFixture()
