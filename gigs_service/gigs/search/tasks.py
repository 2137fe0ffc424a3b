"""The Celery tasks that bring Elasticsearch in step with the gigs: after each change, and a sweep."""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial
from typing import Any

from celery import shared_task
from django.utils import timezone

from common.messaging.backoff import jittered_backoff
from gigs_service.gigs.models import SearchBacklog
from gigs_service.gigs.search.backends import elasticsearch_backend

log = logging.getLogger(__name__)

# About a day of retries (30 s doubling up to 30 min); the backlog sweep retries too, for
# as long as it takes.
SYNC_RETRIES = 60
# The sweep leaves young rows to their after-commit task; it takes this many per minute.
SWEEP_AFTER = timedelta(seconds=30)
SWEEP_BATCH = 1000
RETRY_BASE_SECONDS = 30
RETRY_MAX_SECONDS = 1800

retry_delay = partial(jittered_backoff, base_seconds=RETRY_BASE_SECONDS, max_seconds=RETRY_MAX_SECONDS)


@shared_task(bind=True, name="gigs.search.sync_gigs", max_retries=SYNC_RETRIES, acks_late=True)  # type: ignore[misc]  # Celery is untyped
def sync_gigs(self: Any, gig_ids: list[int]) -> None:
    """Index these gigs as they are now in the database (removing those that are gone).

    Reading the state when the task runs, not when it was queued, makes a retry or a late
    duplicate harmless: the newest state always wins.
    """
    try:
        index_and_clear_backlog(gig_ids)
    except Exception as error:
        log.warning("search: indexing gigs %s failed (%s); retrying", gig_ids, error)
        raise self.retry(exc=error, countdown=retry_delay(self.request.retries)) from error


@shared_task(name="gigs.search.sync_backlog", acks_late=True)  # type: ignore[misc]  # Celery is untyped
def sync_backlog() -> int:
    """Scheduled every minute: index the gigs whose after-commit sync never succeeded."""
    stale = timezone.now() - SWEEP_AFTER
    gig_ids = list(
        SearchBacklog.objects.filter(queued_at__lt=stale)
        .order_by("queued_at")
        .values_list("gig_id", flat=True)[:SWEEP_BATCH]
    )
    if gig_ids:
        index_and_clear_backlog(gig_ids)
        log.info("search: swept %d gigs from the backlog", len(gig_ids))
    return len(gig_ids)


def index_and_clear_backlog(gig_ids: list[int]) -> None:
    """Index the gigs as they are now, then forget the backlog rows this covered.

    A row queued again while indexing ran (a newer change) is kept for its own sync.
    """
    backend = elasticsearch_backend()
    if backend is None:
        return
    started = timezone.now()
    backend.index(gig_ids)
    SearchBacklog.objects.filter(gig_id__in=gig_ids, queued_at__lte=started).delete()
