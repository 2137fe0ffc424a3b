"""One signup, one request id: in the log lines of every process it sets in motion.

The client's ``X-Request-ID`` goes from the gateway to auth, into the outbox row of
``auth.user.registered``, out as a message header through auth's relay, and into the handler
lines of the users and notifications workers (and the email task notifications queues).
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import pytest

from tests.e2e.conftest import Fleet

pytestmark = pytest.mark.e2e

REGISTERED = "auth.user.registered"


def json_lines(fleet: Fleet) -> list[tuple[str, dict[str, Any]]]:
    """(process, line) of every JSON line the fleet printed so far (``name | {...}``)."""
    parsed = []
    for raw in list(fleet.output):
        name, bar, text = raw.partition("|")
        text = text.strip()
        if not bar or not text.startswith("{"):
            continue
        try:
            line = json.loads(text)
        except ValueError:
            continue
        if isinstance(line, dict):
            parsed.append((name.strip(), line))
    return parsed


def field(line: dict[str, Any], name: str) -> Any:
    """The value of a dotted ECS field (``http.request.id``) in a line, None when absent."""
    value: Any = line
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def lines_of(fleet: Fleet, request_id: str) -> list[tuple[str, dict[str, Any]]]:
    return [(name, line) for name, line in json_lines(fleet) if field(line, "http.request.id") == request_id]


def handled_by(lines: list[tuple[str, dict[str, Any]]]) -> set[tuple[str, str]]:
    """(process, event type) of every handler line among ``lines``."""
    return {(name, field(line, "bazaar.event.type")) for name, line in lines if line.get("message") == "event handled"}


def wait_for_handlers(fleet: Fleet, request_id: str, expected: set[tuple[str, str]], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not expected <= handled_by(lines_of(fleet, request_id)) and time.monotonic() < deadline:
        time.sleep(0.5)


def test_one_signup_shows_one_request_id_in_the_logs_of_gateway_auth_users_and_notifications(fleet, new_account):
    request_id = "e2e-signup-" + uuid.uuid4().hex
    with fleet.client() as client:
        response = client.post("/api/v1/auth/signup", json=new_account, headers={"X-Request-ID": request_id})
    assert response.status_code == 201, response.text
    assert response.headers["X-Request-ID"] == request_id

    expected_handlers = {("users-worker", REGISTERED), ("notifications-worker", REGISTERED)}
    wait_for_handlers(fleet, request_id, expected_handlers)
    lines = lines_of(fleet, request_id)

    assert {"gateway", "auth", "auth-relay", "users-worker", "notifications-worker"} <= {name for name, _ in lines}
    assert expected_handlers <= handled_by(lines)
    [gateway_line] = [line for name, line in lines if name == "gateway" and line["message"] == "request"]
    assert route_and_status(gateway_line) == ("/api/v1/auth/signup", 201)
    [auth_line] = [line for name, line in lines if name == "auth" and line["message"] == "request"]
    assert route_and_status(auth_line) == ("/api/v1/auth/signup", 201)
    assert field(auth_line, "bazaar.causation_id") is None
    published = [line for name, line in lines if name == "auth-relay" and line["message"] == "event published"]
    registered = [
        field(line, "bazaar.event.id") for line in published if field(line, "bazaar.event.type") == REGISTERED
    ]
    assert len(registered) == 1
    # The handlers ran because of that event: it is their causation id.
    for name, line in lines:
        if line.get("message") == "event handled" and field(line, "bazaar.event.type") == REGISTERED:
            assert field(line, "bazaar.causation_id") == registered[0], name


def route_and_status(line: dict[str, Any]) -> tuple[Any, Any]:
    return field(line, "bazaar.route"), field(line, "http.response.status_code")
