"""Every endpoint answers only a signed-in user whose request came through the gateway."""

import json

import pytest

from common.testing.client import GatewayClient
from notifications_service.notifications.models import Notification, Recipient
from notifications_service.tests.conftest import published_types
from notifications_service.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

ALICE = 1001
ENDPOINTS = [
    ("get", "/api/v1/notifications", None),
    ("post", "/api/v1/notifications/{id}/read", {}),
    ("post", "/api/v1/notifications/read-all", {}),
    ("get", "/api/v1/notifications/preferences", None),
    ("patch", "/api/v1/notifications/preferences", {"non_essential_email": False}),
]


@pytest.fixture
def notification() -> Notification:
    return NotificationFactory(user_id=ALICE)


def call(client: GatewayClient, method: str, path: str, body: object, notification: Notification):
    url = path.format(id=notification.pk)
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def assert_refused(response, code: str) -> None:
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert Notification.objects.filter(read_at__isnull=False).count() == 0
    assert Recipient.objects.count() == 0
    assert published_types() == []


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_the_owner_is_allowed(api_client_as, notification, method, path, body):
    assert call(api_client_as("alice"), method, path, body, notification).status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_an_anonymous_caller_is_refused(api_client, notification, method, path, body):
    assert_refused(call(api_client, method, path, body, notification), "not_authenticated")


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_an_expired_token_is_refused(token_for, notification, method, path, body):
    client = GatewayClient(token=token_for("alice", lifetime=-60))

    assert_refused(call(client, method, path, body, notification), "token_expired")


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_a_request_that_bypassed_the_gateway_is_refused(unsigned_client, notification, method, path, body):
    assert_refused(call(unsigned_client, method, path, body, notification), "gateway_signature_missing")
