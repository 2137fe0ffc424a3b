"""GET /api/v1/notifications: my notifications only, newest first, paginated."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications_service.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

ALICE, MALLORY = 1001, 1004


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["results"]]


def hours_ago(hours: int):
    return timezone.now() - timedelta(hours=hours)


def test_i_see_my_notifications_newest_first(api_client_as):
    NotificationFactory(user_id=ALICE, title="older", created_at=hours_ago(2))
    NotificationFactory(user_id=ALICE, title="newer", created_at=hours_ago(1))

    response = api_client_as("alice").get("/api/v1/notifications")

    assert response.status_code == 200
    assert titles(response) == ["newer", "older"]


def test_a_notification_is_listed_with_every_field(api_client_as):
    created = hours_ago(1)
    notification = NotificationFactory(
        user_id=ALICE, kind="verify_email", title="Verify your email", body="We sent a link.", created_at=created
    )

    response = api_client_as("alice").get("/api/v1/notifications")

    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": notification.pk,
                "kind": "verify_email",
                "title": "Verify your email",
                "body": "We sent a link.",
                "link": "",
                "created_at": created.isoformat().replace("+00:00", "Z"),
                "read_at": None,
            }
        ],
    }


def test_i_never_see_someone_elses_notifications(api_client_as):
    NotificationFactory(user_id=ALICE, title="mine")
    NotificationFactory(user_id=MALLORY, title="mallory's")

    assert titles(api_client_as("alice").get("/api/v1/notifications")) == ["mine"]
    assert titles(api_client_as("mallory").get("/api/v1/notifications")) == ["mallory's"]


def test_unread_true_lists_only_unread_notifications(api_client_as):
    NotificationFactory(user_id=ALICE, title="unread")
    NotificationFactory(user_id=ALICE, title="read", read_at=timezone.now())

    assert titles(api_client_as("alice").get("/api/v1/notifications?unread=true")) == ["unread"]


def test_unread_false_lists_every_notification(api_client_as):
    NotificationFactory(user_id=ALICE, title="unread", created_at=hours_ago(1))
    NotificationFactory(user_id=ALICE, title="read", read_at=timezone.now(), created_at=hours_ago(2))

    assert titles(api_client_as("alice").get("/api/v1/notifications?unread=false")) == ["unread", "read"]


def test_unread_must_be_a_boolean(api_client_as):
    response = api_client_as("alice").get("/api/v1/notifications?unread=maybe")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == ["unread"]


def test_the_list_is_paginated(api_client_as):
    for hour in range(3):
        NotificationFactory(user_id=ALICE, title=f"{hour} hours ago", created_at=hours_ago(hour))

    first = api_client_as("alice").get("/api/v1/notifications?page_size=2")
    second = api_client_as("alice").get("/api/v1/notifications?page_size=2&page=2")

    assert first.json()["count"] == 3
    assert titles(first) == ["0 hours ago", "1 hours ago"]
    assert first.json()["next"].endswith("/api/v1/notifications?page=2&page_size=2")
    assert titles(second) == ["2 hours ago"]


def test_i_have_no_notifications_yet(api_client_as):
    response = api_client_as("alice").get("/api/v1/notifications")

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
