"""Celery tasks of the notifications service: sending emails, and the sweep that never loses one."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from celery import shared_task
from django.db import transaction

from common.messaging.backoff import jittered_backoff
from notifications_service.notifications import digests, services

log = logging.getLogger(__name__)

# Five retries 30 s, 1, 2, 4 and 8 minutes apart (about a quarter of an hour); after that the
# email stays pending and the sweep queues it again every few minutes until GIVE_UP_AFTER.
SEND_RETRIES = 5
RETRY_BASE_SECONDS = 30
RETRY_MAX_SECONDS = 900

retry_delay = partial(jittered_backoff, base_seconds=RETRY_BASE_SECONDS, max_seconds=RETRY_MAX_SECONDS)


@shared_task(bind=True, name="notifications.send_email", max_retries=SEND_RETRIES)  # type: ignore[misc]  # Celery is untyped
def send_email(self: Any, email_id: int) -> bool:
    """Send one pending email; True when it was sent by this call."""
    try:
        return services.send_outgoing_email(email_id=email_id)
    except services.EmailNotSent as error:
        if self.request.retries >= SEND_RETRIES:
            log.warning("%s; giving the email to the sweep after %d tries", error, self.request.retries + 1)
            return False
        log.info("%s; retrying", error)
        raise self.retry(exc=error, countdown=retry_delay(self.request.retries)) from error


def send_after_commit(email_id: int) -> None:
    """Queue ``send_email`` once the current transaction commits (at once outside one).

    Robust: if the broker cannot take the task, the failure is logged and the email stays
    pending for the sweep, instead of failing what already committed.
    """

    # A named function, not a partial: Django logs a robust callback's failure by its __qualname__.
    def queue_send_email() -> None:
        send_email.delay(email_id)

    transaction.on_commit(queue_send_email, robust=True)


@shared_task(name="notifications.sweep_pending_emails")  # type: ignore[misc]  # Celery is untyped
def sweep_pending_emails() -> dict[str, int]:
    """Scheduled by ``CELERY_BEAT_SCHEDULE`` (``notifications_service/settings.py``)."""
    given_up = services.give_up_on_old_emails()
    requeued = services.requeue_stale_emails()
    for email_id in requeued:
        send_after_commit(email_id)
    if given_up:
        log.warning("gave up on %d emails pending for too long", given_up)
    return {"requeued": len(requeued), "given_up": given_up}


@shared_task(name="notifications.send_message_digests")  # type: ignore[misc]  # Celery is untyped
def send_message_digests() -> int:
    """Scheduled by ``CELERY_BEAT_SCHEDULE``: email the conversations left unread and quiet long enough."""
    email_ids = digests.send_due_digests()
    for email_id in email_ids:
        send_after_commit(email_id)
    return len(email_ids)
