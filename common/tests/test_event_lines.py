"""Every handler run on a consumed event writes one line: event type, handler, outcome, duration."""

import logging
import uuid

import pytest

from common.events.catalog.auth import UserRegistered
from common.logging.context import correlated
from common.messaging.consumer import handle_event
from common.testing.events import envelope_json

pytestmark = pytest.mark.django_db

HANDLER = "common.testing.ledger.handlers.record_registration"


def event_lines(caplog):
    return [record for record in caplog.records if record.name == "bazaar.events"]


def test_a_handled_event_and_its_redelivery_each_write_one_line_with_their_outcome(caplog):
    body = envelope_json(
        UserRegistered(user_id=1, username="dora", email="dora@example.com", country="Peru"), event_id=uuid.uuid4()
    )

    with correlated(None, None), caplog.at_level(logging.INFO, logger="bazaar.events"):
        handle_event.apply(args=(HANDLER, body))
        handle_event.apply(args=(HANDLER, body))

    assert [(r.event_type, r.handler, r.outcome) for r in event_lines(caplog)] == [
        ("auth.user.registered", HANDLER, "applied"),
        ("auth.user.registered", HANDLER, "duplicate"),
    ]
    assert all(isinstance(r.duration_ms, float) and r.duration_ms >= 0 for r in event_lines(caplog))
