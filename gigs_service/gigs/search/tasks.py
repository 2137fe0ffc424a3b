"""The Celery task that brings Elasticsearch in step with one gig, retried until it works."""

from __future__ import annotations

import logging
import random
from typing import Any

from celery import shared_task

from gigs_service.gigs.search.backends import elasticsearch_backend

log = logging.getLogger(__name__)

# About a day of retries (30 s doubling up to 30 min): an Elasticsearch outage of hours
# loses nothing; beyond that ``manage.py reindex_gigs`` rebuilds the index.
SYNC_RETRIES = 60
RETRY_BASE_SECONDS = 30
RETRY_MAX_SECONDS = 1800


def retry_delay(retries: int) -> float:
    """Exponential backoff with jitter."""
    return min(RETRY_BASE_SECONDS * 2**retries, RETRY_MAX_SECONDS) * random.uniform(0.8, 1.2)


@shared_task(bind=True, name="gigs.search.sync_gigs", max_retries=SYNC_RETRIES, acks_late=True)
def sync_gigs(self: Any, gig_ids: list[int]) -> None:
    """Index these gigs as they are now in the database (removing those that are gone).

    Reading the state when the task runs, not when it was queued, makes a retry or a late
    duplicate harmless: the newest state always wins.
    """
    backend = elasticsearch_backend()
    if backend is None:
        return
    try:
        backend.index(gig_ids)
    except Exception as error:
        log.warning("search: indexing gigs %s failed (%s); retrying", gig_ids, error)
        raise self.retry(exc=error, countdown=retry_delay(self.request.retries)) from error
