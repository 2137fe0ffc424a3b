"""JSON logs carry the service, request id and user id; ERROR+ reaches Elasticsearch."""

import io
import json
import logging
import socket

import pytest

from common.logging.context import ContextFilter, request_id_var, user_id_var
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
