"""A batch of events is applied in one transaction with one inbox statement, all or none."""

import logging
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.events.catalog.auth import UserRegistered
from common.events.envelope import parse
from common.events.handlers import Delivery, apply, apply_batch, handler_named
from common.events.inbox.models import InboxEntry
from common.messaging.consumer import handle_events
from common.testing.events import envelope_json
from common.testing.ledger.handlers import PoisonedEvent
from common.testing.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db

HANDLER = "common.testing.ledger.handlers.record_registration"


def body_of(username):
    event = UserRegistered(user_id=1, username=username, email=f"{username}@example.com", country="Peru")
    return envelope_json(event, event_id=uuid.uuid4())


def delivery(body):
    envelope, event = parse(body)
    return Delivery(handler_named(HANDLER), envelope, event)


def inbox_statements(queries):
    return [q["sql"] for q in queries if q["sql"].startswith(f"INSERT INTO {InboxEntry._meta.db_table}")]


def test_a_batch_applies_every_event_with_one_inbox_statement():
    bodies = [body_of(name) for name in ("ann", "ben", "cat")]

    with CaptureQueriesContext(connection) as queries:
        assert apply_batch([delivery(body) for body in bodies]) == [True, True, True]

    assert len(inbox_statements(queries.captured_queries)) == 1
    assert sorted(LedgerEntry.objects.values_list("username", flat=True)) == ["ann", "ben", "cat"]
    assert InboxEntry.objects.count() == 3


def test_an_event_already_applied_or_twice_in_the_batch_is_applied_once(caplog):
    applied_before, twice = body_of("dora"), body_of("eve")
    apply(handler_named(HANDLER), applied_before)

    with caplog.at_level(logging.INFO, logger="common.events.handlers"):
        outcomes = apply_batch([delivery(applied_before), delivery(twice), delivery(twice)])

    assert outcomes == [False, True, False]
    assert sorted(LedgerEntry.objects.values_list("username", flat=True)) == ["dora", "eve"]
    assert [r.getMessage() for r in caplog.records] == ["event already handled", "event already handled"]


def test_a_failing_handler_rolls_the_whole_batch_back():
    with pytest.raises(PoisonedEvent):
        apply_batch([delivery(body_of("fred")), delivery(body_of("poison-gil"))])

    assert (LedgerEntry.objects.count(), InboxEntry.objects.count()) == (0, 0)


def test_the_batch_task_logs_one_line_per_handler_run(caplog):
    fresh, again = body_of("hana"), body_of("ivan")
    apply(handler_named(HANDLER), again)

    with caplog.at_level(logging.INFO, logger="bazaar.events"):
        result = handle_events.apply(args=([[fresh, "request-1", [HANDLER]], [again, "", [HANDLER]]],)).get()

    assert result == 1
    lines = [r for r in caplog.records if r.name == "bazaar.events"]
    assert [(r.handler, r.outcome, r.request_id) for r in lines] == [
        (HANDLER, "applied", "request-1"),
        (HANDLER, "duplicate", None),
    ]
    assert [r.causation_id for r in lines] == [str(parse(fresh)[0].id), str(parse(again)[0].id)]
