"""JSON logs carry the service, request id and user id; ERROR+ reaches Elasticsearch."""

import io
import json
import logging
import socket

import pytest

from common.logging.context import ContextFilter, causation_id_var, correlated, request_id_var, user_id_var
from common.logging.elasticsearch import BATCH_SIZE, ElasticsearchHandler


@pytest.fixture
def log_output():
    """What the configured JSON stdout handler writes, for the duration of a test."""
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler) and h.formatter)
    previous = handler.setStream(io.StringIO())
    yield handler.stream
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_request_log_line_is_json_with_service_and_request_id(api_client, log_output):
    api_client.get("/no-such-page", HTTP_X_REQUEST_ID="request-0123456789")

    line = json.loads(log_output.getvalue().splitlines()[-1])

    assert line["level"] == "WARNING"
    assert line["service"] == "common_tests"
    assert line["request_id"] == "request-0123456789"


def test_the_context_filter_adds_user_and_request_ids():
    request_id_var.set("rid-12345678")
    user_id_var.set("42")
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, None)

    ContextFilter("gigs").filter(record)

    assert (record.service, record.request_id, record.user_id) == ("gigs", "rid-12345678", "42")


def test_errors_are_shipped_to_the_logs_index(osmem_url):
    # Generous timeouts: a loaded CI machine must not turn slowness into a dropped record.
    handler = ElasticsearchHandler(osmem_url, timeout=15)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("test.shipping")
    logger.addHandler(handler)
    try:
        logger.error('{"message": "payment provider exploded"}')
        handler.flush(timeout=30)
    finally:
        logger.removeHandler(handler)

    client = handler._connect()
    client.indices.refresh(index="bazaar-logs-*")
    hits = client.search(index="bazaar-logs-*", query={"match": {"message": "exploded"}})["hits"]["hits"]
    assert [hit["_source"]["message"] for hit in hits] == ["payment provider exploded"]
    assert handler.dropped == 0


def test_a_hung_elasticsearch_never_blocks_the_caller():
    # A server that accepts connections and never answers: the worst case for a client.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    handler = ElasticsearchHandler(f"http://127.0.0.1:{silent.getsockname()[1]}", queue_size=10, timeout=30)
    handler.setFormatter(logging.Formatter("%(message)s"))
    try:
        for number in range(1_000):
            handler.emit(logging.LogRecord("x", logging.ERROR, __file__, 1, f"error {number}", None, None))
    finally:
        silent.close()

    # All 1,000 calls returned although nothing was ever sent; the overflow beyond the queue and the batch in hand was dropped.
    assert handler.dropped >= 1_000 - 10 - BATCH_SIZE


def request_lines(output):
    lines = [json.loads(text) for text in output.getvalue().splitlines()]
    return [line for line in lines if line["message"] == "request"]


@pytest.mark.django_db
def test_every_request_writes_one_line_with_its_route_status_duration_service_and_request_id(api_client, log_output):
    api_client.get("/numbers?page=2", HTTP_X_REQUEST_ID="request-line-0001")

    [line] = request_lines(log_output)
    assert {key: line[key] for key in ("level", "message", "method", "route", "status", "service", "request_id")} == {
        "level": "INFO",
        "message": "request",
        "method": "GET",
        "route": "/numbers",
        "status": 200,
        "service": "common_tests",
        "request_id": "request-line-0001",
    }
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0


@pytest.mark.django_db
def test_a_request_no_route_matched_has_a_null_route_and_its_404(api_client, log_output):
    api_client.get("/no-such-page/42", HTTP_X_REQUEST_ID="request-line-0002")

    [line] = request_lines(log_output)
    assert (line["route"], line["status"]) == (None, 404)


def test_log_lines_carry_the_causation_id_of_the_event_being_handled():
    with correlated("rid-12345678", "0b9a7d4e-2c55-4d6c-9a57-2f1e3c0d9b11"):
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "handled", None, None)
        ContextFilter("users").filter(record)

    assert (record.request_id, record.causation_id) == ("rid-12345678", "0b9a7d4e-2c55-4d6c-9a57-2f1e3c0d9b11")
    assert (request_id_var.get(), causation_id_var.get()) != ("rid-12345678", "0b9a7d4e-2c55-4d6c-9a57-2f1e3c0d9b11")
