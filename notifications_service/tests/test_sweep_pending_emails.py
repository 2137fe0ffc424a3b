"""The periodic sweep queues again the emails whose task was lost, and gives up after five days."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from notifications_service.celery import app as celery_app
from notifications_service.notifications.models import OutgoingEmail
from notifications_service.notifications.services import REQUEUE_BATCH
from notifications_service.notifications.tasks import sweep_pending_emails
from notifications_service.tests.factories import OutgoingEmailFactory, days_ago

pytestmark = pytest.mark.django_db


def minutes_ago(minutes: float):
    return timezone.now() - timedelta(minutes=minutes)


def sweep(django_capture_on_commit_callbacks, *, execute: bool = False) -> tuple[dict[str, int], int]:
    """The sweep's result and how many send tasks it queued."""
    with django_capture_on_commit_callbacks(execute=execute) as queued:
        result = sweep_pending_emails()
    return result, len(queued)


def test_a_pending_email_quiet_for_ten_minutes_is_queued_again(django_capture_on_commit_callbacks):
    email = OutgoingEmailFactory(queued_at=minutes_ago(11))

    result, queued = sweep(django_capture_on_commit_callbacks)

    assert result == {"requeued": 1, "given_up": 0}
    assert queued == 1
    email.refresh_from_db()
    assert email.queued_at > minutes_ago(1)
    assert email.status == "pending"


def test_an_email_queued_again_is_left_alone_by_the_next_sweep(django_capture_on_commit_callbacks):
    OutgoingEmailFactory(queued_at=minutes_ago(11))
    sweep(django_capture_on_commit_callbacks)

    result, queued = sweep(django_capture_on_commit_callbacks)

    assert result == {"requeued": 0, "given_up": 0}
    assert queued == 0


def test_a_recently_queued_email_is_left_to_its_task(django_capture_on_commit_callbacks):
    OutgoingEmailFactory(queued_at=minutes_ago(9))

    assert sweep(django_capture_on_commit_callbacks) == ({"requeued": 0, "given_up": 0}, 0)


def test_an_email_its_task_tried_recently_is_left_to_the_tasks_retries(django_capture_on_commit_callbacks):
    OutgoingEmailFactory(queued_at=minutes_ago(20), last_attempt_at=minutes_ago(8), attempts=5)

    assert sweep(django_capture_on_commit_callbacks) == ({"requeued": 0, "given_up": 0}, 0)


def test_an_email_whose_retries_stopped_ten_minutes_ago_is_queued_again(django_capture_on_commit_callbacks):
    OutgoingEmailFactory(queued_at=minutes_ago(30), last_attempt_at=minutes_ago(11), attempts=6)

    assert sweep(django_capture_on_commit_callbacks) == ({"requeued": 1, "given_up": 0}, 1)


@pytest.mark.parametrize("status", [OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED])
def test_sent_and_failed_emails_are_never_queued_again(django_capture_on_commit_callbacks, status):
    OutgoingEmailFactory(status=status, queued_at=days_ago(1))

    assert sweep(django_capture_on_commit_callbacks) == ({"requeued": 0, "given_up": 0}, 0)


def test_the_oldest_emails_are_queued_first_a_batch_at_a_time(django_capture_on_commit_callbacks):
    OutgoingEmailFactory.create_batch(REQUEUE_BATCH, queued_at=minutes_ago(20))
    oldest = OutgoingEmailFactory(queued_at=minutes_ago(30))
    newest = OutgoingEmailFactory(queued_at=minutes_ago(15))

    result, queued = sweep(django_capture_on_commit_callbacks)

    assert result == {"requeued": REQUEUE_BATCH, "given_up": 0}
    assert queued == REQUEUE_BATCH
    oldest.refresh_from_db()
    newest.refresh_from_db()
    assert oldest.queued_at > minutes_ago(1)
    assert newest.queued_at < minutes_ago(14)


def test_an_email_pending_for_five_days_is_given_up(django_capture_on_commit_callbacks):
    email = OutgoingEmailFactory(
        pending_since=days_ago(5.01), queued_at=days_ago(1), last_error="TimeoutError: timed out"
    )

    result, queued = sweep(django_capture_on_commit_callbacks)

    assert result == {"requeued": 0, "given_up": 1}
    assert queued == 0
    email.refresh_from_db()
    assert (email.status, email.last_error) == ("failed", "TimeoutError: timed out")


def test_an_email_pending_for_almost_five_days_is_still_tried(django_capture_on_commit_callbacks):
    OutgoingEmailFactory(pending_since=days_ago(4.9), queued_at=days_ago(1))

    assert sweep(django_capture_on_commit_callbacks) == ({"requeued": 1, "given_up": 0}, 1)


def test_an_email_whose_task_was_lost_is_sent_by_the_sweep(
    smtp_server, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    email = OutgoingEmailFactory(queued_at=minutes_ago(30))

    sweep(django_capture_on_commit_callbacks, execute=True)

    assert [message["To"] for message in smtp_server.messages] == ["dora <dora@example.com>"]
    email.refresh_from_db()
    assert email.status == "sent"


def test_the_sweep_runs_every_five_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["notifications-sweep-pending-emails"]

    assert entry == {"task": sweep_pending_emails.name, "schedule": timedelta(minutes=5)}
    assert celery_app.conf.beat_schedule["notifications-sweep-pending-emails"] == entry
