"""Every line is ECS JSON on stdout: the service, request id, causation id and user id under ECS names."""

import io
import json
import logging
import re
import sys

import pytest

from common.logging.context import ContextFilter, causation_id_var, correlated, request_id_var, user_id_var
from common.logging.ecs import EcsFormatter
from common.logging.performance import log_event

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture
def log_output():
    """What the configured stdout handler writes, for the duration of a test."""
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler) and h.formatter)
    previous = handler.setStream(io.StringIO())
    yield handler.stream
    handler.setStream(previous)


def without_variable_fields(line):
    """``line`` less the fields that differ at each run (time, source line, process), checked for shape."""
    assert TIMESTAMP.match(line.pop("@timestamp"))
    origin = line["log"].pop("origin")
    assert set(origin) == {"file", "function"} and isinstance(origin["file"]["line"], int)
    process = line.pop("process")
    assert isinstance(process["pid"], int) and isinstance(process["thread"]["id"], int)
    return line


def formatted(record, service="users"):
    ContextFilter(service).filter(record)
    return json.loads(EcsFormatter().format(record))


def test_the_configured_handler_writes_ecs_lines_to_stdout():
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler) and h.formatter)

    assert isinstance(handler.formatter, EcsFormatter)
    assert [type(f).__name__ for f in handler.filters] == ["ContextFilter", "TaskArgumentsFilter"]
    assert handler.stream in (sys.stdout, sys.__stdout__)


@pytest.mark.django_db
def test_a_request_log_line_is_ecs_json_with_service_and_request_id(api_client, log_output):
    api_client.get("/no-such-page", HTTP_X_REQUEST_ID="request-0123456789")

    line = json.loads(log_output.getvalue().splitlines()[-1])

    assert line["service"]["name"] == "common_tests"
    assert line["http"]["request"]["id"] == "request-0123456789"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/no-such-page", 404), ("delete", "/numbers", 405), ("post", "/echo", 400), ("get", "/whoami", 401)],
)
def test_a_refused_request_writes_its_request_line_only_and_no_twin_from_django(
    api_client, log_output, method, path, status
):
    response = getattr(api_client, method)(path, {}, format="json")

    lines = [json.loads(text) for text in log_output.getvalue().splitlines()]
    assert response.status_code == status
    assert [(line["log.level"], line["message"], line["http"]["response"]["status_code"]) for line in lines] == [
        ("info", "request", status)
    ]


@pytest.mark.django_db
def test_a_failed_request_keeps_djangos_error_line_with_its_traceback(api_client, log_output):
    api_client.raise_request_exception = False
    response = api_client.get("/plain-fails")

    lines = [json.loads(text) for text in log_output.getvalue().splitlines()]
    assert response.status_code == 500
    [error] = [line for line in lines if line["log"]["logger"] == "django.request"]
    assert error["log.level"] == "error"
    assert (error["error"]["type"], error["error"]["message"]) == ("RuntimeError", "an unexpected failure outside DRF")


def test_the_context_filter_adds_user_and_request_ids():
    request_id_var.set("rid-12345678")
    user_id_var.set("42")
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, None)

    ContextFilter("gigs").filter(record)

    assert (record.service, record.request_id, record.user_id) == ("gigs", "rid-12345678", "42")


def request_lines(output):
    lines = [json.loads(text) for text in output.getvalue().splitlines()]
    return [line for line in lines if line["message"] == "request"]


@pytest.mark.django_db
def test_every_request_writes_one_line_with_exactly_these_ecs_fields(api_client, log_output):
    api_client.get("/numbers?page=2", HTTP_X_REQUEST_ID="request-line-0001")

    [line] = request_lines(log_output)
    duration = line["event"].pop("duration")
    assert without_variable_fields(line) == {
        "log.level": "info",
        "message": "request",
        "ecs.version": "1.6.0",
        "log": {"logger": "bazaar.requests"},
        "event": {"dataset": "bazaar.requests"},
        "service": {"name": "common_tests"},
        "http": {"request": {"id": "request-line-0001", "method": "GET"}, "response": {"status_code": 200}},
        "bazaar": {"route": "/numbers"},
    }
    assert isinstance(duration, int) and duration >= 0  # nanoseconds, as ECS wants


@pytest.mark.django_db
def test_a_request_no_route_matched_has_no_route_and_its_404(api_client, log_output):
    api_client.get("/no-such-page/42", HTTP_X_REQUEST_ID="request-line-0002")

    [line] = request_lines(log_output)
    assert "bazaar" not in line
    assert line["http"]["response"]["status_code"] == 404


def test_a_handled_event_line_has_its_type_handler_outcomes_duration_and_ids(caplog):
    with correlated("rid-12345678", "0b9a7d4e-2c55-4d6c-9a57-2f1e3c0d9b11"), caplog.at_level(logging.INFO):
        log_event("auth.user.registered", "users.handlers.create_buyer_profile", "dead-lettered", 0.0)
        [record] = [r for r in caplog.records if r.name == "bazaar.events"]
        line = formatted(record)

    assert line["event"]["dataset"] == "bazaar.events"
    assert line["event"]["outcome"] == "failure"
    assert line["bazaar"] == {
        "causation_id": "0b9a7d4e-2c55-4d6c-9a57-2f1e3c0d9b11",
        "event": {
            "type": "auth.user.registered",
            "handler": "users.handlers.create_buyer_profile",
            "outcome": "dead-lettered",
        },
    }
    assert (line["http"], line["service"]) == ({"request": {"id": "rid-12345678"}}, {"name": "users"})


def test_an_exception_fills_the_ecs_error_fields_and_the_line_is_in_the_default_dataset():
    try:
        raise ValueError("stock went negative")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, sys.exc_info())

    line = formatted(record)

    assert (line["log.level"], line["event"]) == ("error", {"dataset": "bazaar.log"})
    assert (line["error"]["type"], line["error"]["message"]) == ("ValueError", "stock went negative")
    assert 'raise ValueError("stock went negative")' in line["error"]["stack_trace"]


def test_extras_go_under_their_ecs_names_or_under_bazaar_and_an_error_string_never_clashes():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "upstream unreachable", None, None)
    record.__dict__.update(upstream="gigs", error="ConnectError()", count=3, request="<WSGIRequest>")

    line = formatted(record)

    assert line["service"] == {"name": "users", "target": {"name": "gigs"}}
    assert line["error"] == {"message": "ConnectError()"}
    assert line["bazaar"] == {"count": 3}
    assert "WSGIRequest" not in json.dumps(line)


def test_log_lines_carry_the_causation_id_of_the_event_being_handled():
    with correlated("rid-12345678", "0b9a7d4e-2c55-4d6c-9a57-2f1e3c0d9b11"):
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "handled", None, None)
        ContextFilter("users").filter(record)

    assert (record.request_id, record.causation_id) == ("rid-12345678", "0b9a7d4e-2c55-4d6c-9a57-2f1e3c0d9b11")
    assert (request_id_var.get(), causation_id_var.get()) != ("rid-12345678", "0b9a7d4e-2c55-4d6c-9a57-2f1e3c0d9b11")
