"""``manage.py reindex_gigs``: rebuild search from the gigs table (vectors, and Elasticsearch if configured).

Each step shows its progress on stderr: a bar on a terminal, a line at each tenth elsewhere.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from common.progress import Progress, command_stream
from gigs_service.gigs import search
from gigs_service.gigs.models import Gig


class Command(BaseCommand):
    help = (
        "Recompute every gig's PostgreSQL search vector and lexicon; with ELASTICSEARCH_URL set, "
        "also build a new Elasticsearch index with the mapping and move the alias to it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Gigs per UPDATE, and per bulk request to Elasticsearch."
        )

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        total = Gig.objects.count()
        with transaction.atomic(), Progress("postgres", total, command_stream(self.stderr)) as progress:
            gigs = search.postgres_backend().reindex(batch_size=batch_size, progress=progress)
        self.stdout.write(f"postgres: {gigs} gigs indexed")
        elasticsearch = search.elasticsearch_backend()
        if elasticsearch is not None:
            with Progress("elasticsearch", total, command_stream(self.stderr)) as progress:
                indexed = elasticsearch.reindex(batch_size=batch_size, progress=progress)
            self.stdout.write(f"elasticsearch: {indexed} gigs indexed")
