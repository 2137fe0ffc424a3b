"""Checks every service passes, shared so that each suite runs them with its own settings.

A service's ``tests/test_service.py`` is one line: ``from common.testing.service_checks import *``.
"""

import json
import uuid

from django.conf import settings
from django.test import Client

__all__ = [
    "test_an_undeclared_method_on_health_is_a_405_with_allow",
    "test_an_unknown_path_is_the_json_404_even_under_debug",
    "test_every_answer_of_the_service_says_nosniff",
    "test_failed_admin_logins_are_limited_like_the_signin",
    "test_health_reports_ready_when_the_database_answers",
    "test_the_admin_sends_anonymous_visitors_to_its_login_page",
    "test_the_admin_works_for_a_staff_user",
    "test_the_service_handles_exactly_the_events_it_subscribes_to",
    "test_the_schema_answers_a_gateway_signed_request",
    "test_the_schema_refuses_a_request_that_did_not_come_through_the_gateway",
]


def test_health_reports_ready_when_the_database_answers(client, db):
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"service": settings.SERVICE_NAME, "status": "ok", "checks": {"database": "ok"}}


def test_the_schema_refuses_a_request_that_did_not_come_through_the_gateway(unsigned_client, db):
    response = unsigned_client.get("/schema")

    assert response.status_code == 401
    assert json.loads(response.content)["code"] == "gateway_signature_missing"


def test_the_schema_answers_a_gateway_signed_request(api_client, db):
    response = api_client.get("/schema")

    assert response.status_code == 200
    assert json.loads(response.content)["openapi"].startswith("3.")


def test_the_admin_works_for_a_staff_user(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert b"Site administration" in response.content


def test_the_admin_sends_anonymous_visitors_to_its_login_page(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_service_handles_exactly_the_events_it_subscribes_to():
    from common.events import topology
    from common.events.handlers import handled_types

    assert sorted(handled_types()) == sorted(topology.SUBSCRIPTIONS.get(settings.SERVICE_NAME, ()))


def test_an_undeclared_method_on_health_is_a_405_with_allow(client, db):
    response = client.generic("TRACE", "/health")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert json.loads(response.content) == {"code": "method_not_allowed", "detail": "Method not allowed."}


def test_an_unknown_path_is_the_json_404_even_under_debug(api_client, settings, db):
    settings.DEBUG = True

    response = api_client.get("/api/v1/no/such/path")

    assert response.status_code == 404
    assert json.loads(response.content) == {"code": "not_found", "detail": "Not found."}


def test_failed_admin_logins_are_limited_like_the_signin(db):
    # Staff reach the admin on the service's own port: the gateway's limits do not apply.
    browser, username = Client(REMOTE_ADDR=f"10.9.{uuid.uuid4().int % 250}.1"), uuid.uuid4().hex
    for _ in range(settings.RATE_LIMIT_SENSITIVE):
        assert browser.post("/admin/login/", {"username": username, "password": "wrong"}).status_code == 200

    refused = browser.post("/admin/login/", {"username": username, "password": "wrong"})

    assert refused.status_code == 429
    assert json.loads(refused.content)["code"] == "too_many_attempts"
    assert int(refused["Retry-After"]) >= 1


def test_every_answer_of_the_service_says_nosniff(client, unsigned_client, db):
    answers = [
        client.get("/health"),
        client.get("/admin/login/"),
        client.get("/no-such-page"),
        unsigned_client.get("/schema"),
    ]

    assert [answer.get("X-Content-Type-Options") for answer in answers] == ["nosniff"] * 4
