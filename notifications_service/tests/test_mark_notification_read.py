"""POST /api/v1/notifications/{id}/read: marks one of my notifications read."""

import pytest
from django.utils import timezone

from notifications_service.notifications.models import Notification
from notifications_service.tests.conftest import post, published_types
from notifications_service.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

ALICE, MALLORY = 1001, 1004


def test_i_mark_my_notification_read(api_client_as):
    notification = NotificationFactory(user_id=ALICE)

    response = post(api_client_as("alice"), f"/{notification.pk}/read")

    assert response.status_code == 200
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert response.json()["id"] == notification.pk
    assert response.json()["read_at"] == notification.read_at.isoformat().replace("+00:00", "Z")


def test_marking_it_read_again_keeps_the_first_time(api_client_as):
    first_read = timezone.now().replace(microsecond=0) - timezone.timedelta(days=1)
    notification = NotificationFactory(user_id=ALICE, read_at=first_read)

    response = post(api_client_as("alice"), f"/{notification.pk}/read")

    assert response.status_code == 200
    notification.refresh_from_db()
    assert notification.read_at == first_read


def test_someone_elses_notification_is_not_found_and_stays_unread(api_client_as):
    notification = NotificationFactory(user_id=ALICE)

    response = post(api_client_as("mallory"), f"/{notification.pk}/read")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    notification.refresh_from_db()
    assert notification.read_at is None


def test_an_unknown_notification_is_not_found(api_client_as):
    response = post(api_client_as("alice"), "/999999/read")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_id_too_large_for_the_database_is_not_found(api_client_as):
    response = post(api_client_as("alice"), f"/{2**70}/read")

    assert response.status_code == 404


def test_a_body_with_unknown_fields_is_refused_and_nothing_changes(api_client_as):
    notification = NotificationFactory(user_id=ALICE)

    response = post(api_client_as("alice"), f"/{notification.pk}/read", {"read": False})

    assert response.status_code == 400
    assert response.json()["fields"] == {"read": ["Unknown field."]}
    assert Notification.objects.get().read_at is None
    assert published_types() == []
