"""Secret fields of events (sign-in codes, reset tokens) never reach a log line or an operator's screen."""

import json
import logging
import uuid

import pytest

from common.events.envelope import InvalidEnvelope, parse
from common.events.secrets import redact_text, redacted_body
from common.logging.secrets import TaskArgumentsFilter
from common.messaging.consumer import loggable_args

CODE = "493817"
EVENT_ID = str(uuid.uuid4())


def otp_requested(**data):
    body = {
        "id": EVENT_ID,
        "type": "auth.otp.requested",
        "version": 1,
        "occurred_at": "2026-12-03T10:00:00+00:00",
        "producer": "auth",
        "data": {
            "user_id": 7,
            "username": "carol",
            "email": "carol@example.com",
            "code": CODE,
            "expires_in_minutes": 10,
        }
        | data,
    }
    return json.dumps(body)


def test_a_tasks_loggable_arguments_name_the_event_but_not_its_data():
    assert loggable_args("notify.send_code", otp_requested()) == repr(
        ("notify.send_code", f"<event {EVENT_ID} auth.otp.requested v1>")
    )


def test_the_loggable_arguments_of_a_message_that_is_no_event_show_nothing_of_it():
    assert loggable_args("notify.send_code", '{"code": "493817"') == repr(("notify.send_code", "<not a valid event>"))


def test_an_invalid_event_is_described_without_its_values():
    with pytest.raises(InvalidEnvelope) as error:
        parse(otp_requested(expires_in_minutes=0, username="x" * 151))

    assert CODE not in str(error.value)
    assert str(error.value) == (
        "auth.otp.requested data is invalid: username: String should have at most 150 characters; "
        "expires_in_minutes: Input should be greater than 0"
    )


def test_an_envelope_that_is_not_one_is_described_without_its_values():
    body = json.loads(otp_requested())
    del body["producer"]

    with pytest.raises(InvalidEnvelope) as error:
        parse(json.dumps(body))

    assert str(error.value) == "not an event envelope: producer: Field required"


def test_a_shown_body_blanks_the_events_declared_secrets_only():
    shown = json.loads(redacted_body(otp_requested()))

    assert shown["data"] == {
        "user_id": 7,
        "username": "carol",
        "email": "carol@example.com",
        "code": "[secret]",
        "expires_in_minutes": 10,
    }


def test_a_body_that_is_not_json_is_shown_with_secret_looking_pairs_blanked():
    assert redacted_body('{"token": "abc", "code": "123456", "kind": "x"') == (
        '{"token": "[secret]", "code": "[secret]", "kind": "x"'
    )


def test_secret_pairs_are_blanked_in_the_repr_of_a_tasks_arguments():
    text = repr(("handler", otp_requested()))

    assert CODE not in redact_text(text)
    assert '"code": "[secret]"' in redact_text(text)


def celery_record(name, args):
    # How celery.worker.strategy logs "Task ... received": the context as args and as extra "data".
    context = {"id": "task-1", "name": "bazaar.events.handle", "args": args, "kwargs": "{}", "eta": None}
    record = logging.LogRecord(name, logging.INFO, __file__, 1, "Task %(name)s[%(id)s] received", (context,), None)
    record.data = context
    return record


def test_celerys_task_log_records_have_their_arguments_redacted():
    record = celery_record("celery.worker.strategy", repr(("handler", otp_requested())))

    TaskArgumentsFilter().filter(record)

    assert CODE not in record.data["args"] and CODE not in record.args["args"]
    assert record.getMessage() == "Task bazaar.events.handle[task-1] received"


def test_an_ecs_log_line_of_a_celery_task_shows_no_secret():
    from common.logging.ecs import EcsFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(EcsFormatter())
    handler.addFilter(TaskArgumentsFilter())
    record = celery_record("celery.app.trace", repr(("handler", otp_requested())))

    line = handler.format(record) if handler.filter(record) else ""

    assert CODE not in line
    assert json.loads(line)["bazaar"]["data"]["args"].startswith("('handler', '{")


def test_an_exception_in_celerys_log_context_is_redacted_too():
    record = celery_record("celery.app.trace", "('handler', '<event>')")
    record.data["exc"] = record.args["exc"] = 'SMTPDataError(\'refused {"token": "abcdefghijklmnopqrst"}\')'

    TaskArgumentsFilter().filter(record)

    assert "abcdefghijklmnopqrst" not in record.data["exc"] + record.args["exc"]
