"""The hooks the write use-cases call, so every backend follows every gig change.

PostgreSQL's vector is written in the caller's transaction: it commits or rolls back with
the gig. Elasticsearch is told after the commit by a Celery task, never from inside the
transaction (a rolled-back gig must not be indexed, a slow cluster must not hold row
locks). The transaction also writes a ``SearchBacklog`` row per gig, deleted by the sync
that indexed it: a task lost with the broker, or failing with the cluster, leaves the row
for the beat's sweep (``sync_backlog``), so no change is ever lost.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from gigs_service.gigs.models import Gig, SearchBacklog
from gigs_service.gigs.search.backends import elasticsearch_backend, postgres_backend
from gigs_service.gigs.search.tasks import sync_gigs


def gig_changed(gig: Gig) -> None:
    """A gig was created or updated (text, price, state, rating): call inside its transaction."""
    gigs_changed([gig.pk])


def gigs_changed(gig_ids: Iterable[int]) -> None:
    """Several gigs changed at once, e.g. every gig of a seller who changed username."""
    ids = sorted(set(gig_ids))
    postgres_backend().index(ids)
    _sync_elasticsearch_after_commit(ids)


def gig_removed(gig_id: int) -> None:
    """A gig was deleted: call inside the transaction that deletes it."""
    _sync_elasticsearch_after_commit([gig_id])


def _sync_elasticsearch_after_commit(gig_ids: list[int]) -> None:
    if not gig_ids or elasticsearch_backend() is None:
        return
    now = timezone.now()
    SearchBacklog.objects.bulk_create(
        [SearchBacklog(gig_id=gig_id, queued_at=now) for gig_id in gig_ids],
        update_conflicts=True,
        unique_fields=["gig_id"],
        update_fields=["queued_at"],
    )

    # A named function: Django logs a robust callback's failure by its __qualname__.
    def queue_search_sync() -> None:
        sync_gigs.delay(gig_ids)

    transaction.on_commit(queue_search_sync, robust=True)
