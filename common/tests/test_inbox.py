"""A handler applies each event once in effect, whatever the number of deliveries."""

import uuid

import pytest

from common.events.catalog.auth import UserRegistered
from common.events.envelope import InvalidEnvelope, parse
from common.events.handlers import apply, handler_named
from common.events.inbox.models import InboxEntry
from common.testing.ledger.handlers import PoisonedEvent
from common.testing.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db

DORA = UserRegistered(user_id=7, username="dora", email="dora@example.com", country="Peru")
RECORD = "common.testing.ledger.handlers.record_registration"


def test_a_delivered_event_is_applied_and_remembered(events):
    event_id = uuid.uuid4()

    assert events.deliver(DORA, event_id=event_id) == [True]

    assert list(LedgerEntry.objects.values_list("username", "event_id")) == [("dora", event_id)]
    assert list(InboxEntry.objects.values_list("event_id", "handler")) == [(event_id, RECORD)]


def test_the_same_event_delivered_twice_changes_nothing_the_second_time(events):
    event_id = uuid.uuid4()

    assert events.deliver(DORA, event_id=event_id) == [True]
    assert events.deliver(DORA, event_id=event_id) == [False]

    assert LedgerEntry.objects.count() == 1


def test_two_events_with_the_same_data_are_two_events(events):
    events.deliver(DORA)
    events.deliver(DORA)

    assert LedgerEntry.objects.count() == 2


def test_a_failing_handler_leaves_neither_effect_nor_inbox_row(events):
    poisoned = DORA.model_copy(update={"username": "poison-dora"})

    with pytest.raises(PoisonedEvent):
        events.deliver(poisoned)

    assert LedgerEntry.objects.count() == 0
    assert InboxEntry.objects.count() == 0


def test_a_handler_refuses_an_event_of_another_type(events):
    body = events.envelope_json(DORA).replace("auth.user.registered", "auth.email.verified")

    with pytest.raises(InvalidEnvelope, match="auth.email.verified data is invalid"):
        apply(handler_named(RECORD), body)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"type": "auth.user.exploded"}, "unknown event type 'auth.user.exploded'"),
        ({"version": 2}, "unknown event type 'auth.user.registered' version 2"),
        ({"producer": "gigs"}, "auth.user.registered cannot be produced by 'gigs'"),
        ({"data": {"user_id": "seven"}}, "auth.user.registered data is invalid"),
        ({"id": "not-a-uuid"}, "not an event envelope"),
    ],
)
def test_an_envelope_that_breaks_the_catalog_is_invalid(events, change, reason):
    import json

    envelope = {**json.loads(events.envelope_json(DORA)), **change}

    with pytest.raises(InvalidEnvelope, match=reason):
        parse(json.dumps(envelope))


def test_a_body_that_is_not_json_is_invalid():
    with pytest.raises(InvalidEnvelope, match="not an event envelope"):
        parse(b"\xff not json")
