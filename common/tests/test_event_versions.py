"""Two versions of one event live side by side during a breaking change (ADR 0002)."""

import json

import pytest
from pydantic import Field

from common.events import base
from common.events.base import Event, event_class
from common.events.catalog.auth import UserRegistered
from common.events.envelope import InvalidEnvelope, parse
from common.events.handlers import handlers_for
from common.testing.events import envelope_json


@pytest.fixture
def registered_v2():
    """``auth.user.registered`` v2, declared for this test only (it splits ``country`` off)."""

    class UserRegisteredV2(Event):
        type = "auth.user.registered"
        version = 2

        user_id: int
        username: str = Field(max_length=150)
        email: str = Field(max_length=254)

    UserRegisteredV2.__module__ = "common.events.catalog.auth"
    yield UserRegisteredV2
    del base._CATALOG[("auth.user.registered", 2)]


def test_the_newest_version_is_the_default_and_each_version_can_be_named(registered_v2):
    assert event_class("auth.user.registered") is registered_v2
    assert event_class("auth.user.registered", 1) is UserRegistered
    assert event_class("auth.user.registered", 2) is registered_v2


def test_an_envelope_is_validated_against_the_schema_of_its_own_version(registered_v2):
    v2 = envelope_json(registered_v2(user_id=7, username="dora", email="dora@example.com"))

    _, event = parse(v2)

    assert isinstance(event, registered_v2)
    with pytest.raises(InvalidEnvelope, match="auth.user.registered data is invalid"):
        parse(json.dumps({**json.loads(v2), "version": 1}))


def test_a_consumer_written_for_v1_has_no_handler_for_v2(registered_v2, settings):
    assert [h.name for h in handlers_for("auth.user.registered", 1)] == [
        "common.testing.ledger.handlers.record_registration"
    ]
    assert handlers_for("auth.user.registered", 2) == []


def test_declaring_the_same_version_twice_is_refused():
    with pytest.raises(ValueError, match="auth.user.registered v1 declared twice"):

        class Again(Event):
            type = "auth.user.registered"

            user_id: int
