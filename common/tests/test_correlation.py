"""The request id and causation id follow an event: outbox row, message headers, task headers, log context."""

from types import SimpleNamespace

import pytest
from django.db import transaction

from common.events import outbox
from common.events.catalog.auth import UserRegistered
from common.events.correlation import ids_in
from common.logging.context import causation_id_var, correlated, request_id_var
from common.messaging import correlation

HANDLED_EVENT = "0b9a7d4e-2c55-4d6c-9a57-2f1e3c0d9b11"


@pytest.fixture(autouse=True)
def outside_any_request():
    """An earlier test's request leaves its id in the context (the middleware does not reset it)."""
    with correlated(None, None):
        yield


def register(username):
    with transaction.atomic():
        return outbox.publish(
            UserRegistered(user_id=1, username=username, email=f"{username}@example.com", country="Peru")
        )


@pytest.mark.django_db
def test_an_event_published_by_a_request_records_its_request_id_and_no_cause():
    with correlated("request-0123456789", None):
        row = register("dora")

    row.refresh_from_db()
    assert (row.request_id, row.causation_id) == ("request-0123456789", "")


@pytest.mark.django_db
def test_an_event_published_by_a_handler_records_the_request_id_and_the_handled_event_as_its_cause():
    with correlated("request-0123456789", HANDLED_EVENT):
        row = register("dora")

    row.refresh_from_db()
    assert (row.request_id, row.causation_id) == ("request-0123456789", HANDLED_EVENT)


@pytest.mark.django_db
def test_an_event_published_outside_any_request_or_handler_has_empty_ids():
    row = register("beat")

    row.refresh_from_db()
    assert (row.request_id, row.causation_id) == ("", "")


def test_ids_are_read_from_message_headers_and_malformed_ones_are_dropped():
    assert ids_in({"x-request-id": "request-0123456789", "x-causation-id": HANDLED_EVENT}) == (
        "request-0123456789",
        HANDLED_EVENT,
    )
    assert ids_in({"x-request-id": "no spaces or\nnewlines", "x-causation-id": 42}) == ("", "")
    assert ids_in(None) == ("", "")


def test_a_queued_task_carries_the_current_ids_in_its_headers():
    headers = {"id": "task-1"}
    with correlated("request-0123456789", HANDLED_EVENT):
        correlation.stamp_ids(headers=headers)

    assert headers == {
        "id": "task-1",
        "bazaar_request_id": "request-0123456789",
        "bazaar_causation_id": HANDLED_EVENT,
    }


def test_a_running_task_logs_under_its_ids_and_leaves_the_context_as_it_found_it():
    task = SimpleNamespace(
        request=SimpleNamespace(bazaar_request_id="request-0123456789", bazaar_causation_id=HANDLED_EVENT)
    )

    correlation.bind_ids(task_id="task-1", task=task)
    during = (request_id_var.get(), causation_id_var.get())
    correlation.unbind_ids(task_id="task-1")

    assert during == ("request-0123456789", HANDLED_EVENT)
    assert (request_id_var.get(), causation_id_var.get()) == (None, None)


def test_a_task_queued_without_ids_runs_without_any():
    correlation.bind_ids(task_id="task-2", task=SimpleNamespace(request=SimpleNamespace()))
    during = (request_id_var.get(), causation_id_var.get())
    correlation.unbind_ids(task_id="task-2")

    assert during == (None, None)
