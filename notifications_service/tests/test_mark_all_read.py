"""POST /api/v1/notifications/read-all: marks every unread notification of mine read."""

import pytest
from django.utils import timezone

from notifications_service.notifications.models import Notification
from notifications_service.tests.conftest import post
from notifications_service.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

ALICE, MALLORY = 1001, 1004


def unread_of(user_id: int) -> int:
    return Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()


def test_every_unread_notification_of_mine_is_marked_read_and_counted(api_client_as):
    NotificationFactory.create_batch(2, user_id=ALICE)
    NotificationFactory(user_id=ALICE, read_at=timezone.now())

    response = post(api_client_as("alice"), "/read-all")

    assert response.status_code == 200
    assert response.json() == {"marked": 2}
    assert unread_of(ALICE) == 0


def test_someone_elses_notifications_stay_unread(api_client_as):
    NotificationFactory(user_id=ALICE)
    NotificationFactory(user_id=MALLORY)

    assert post(api_client_as("mallory"), "/read-all").json() == {"marked": 1}

    assert unread_of(ALICE) == 1


def test_nothing_unread_marks_nothing(api_client_as):
    assert post(api_client_as("alice"), "/read-all").json() == {"marked": 0}


def test_a_body_with_unknown_fields_is_refused_and_nothing_changes(api_client_as):
    NotificationFactory(user_id=ALICE)

    response = post(api_client_as("alice"), "/read-all", {"before": "2030-01-01"})

    assert response.status_code == 400
    assert response.json()["fields"] == {"before": ["Unknown field."]}
    assert unread_of(ALICE) == 1
