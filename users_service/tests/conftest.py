"""Fixtures of the users service's suite: the personas' buyer profiles and the events they come from."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from common.events.catalog.auth import UserRegistered
from common.testing.plugin import PERSONAS
from users_service.profiles.models import BuyerProfile
from users_service.tests.factories import BuyerProfileFactory

ALICE_REGISTERED_AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def registration_of(name: str, *, country: str = "Kenya") -> UserRegistered:
    """The ``auth.user.registered`` event of a persona, as the auth service publishes it."""
    persona = PERSONAS[name]
    return UserRegistered(user_id=persona.user_id, username=persona.username, email=persona.email, country=country)


@pytest.fixture
def alice_profile(db: None) -> BuyerProfile:
    """Alice's profile, unverified, as her registration created it."""
    persona = PERSONAS["alice"]
    return BuyerProfileFactory(
        user_id=persona.user_id, username="alice", email=persona.email, created_at=ALICE_REGISTERED_AT
    )
