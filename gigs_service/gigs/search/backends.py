"""Which backend answers: Elasticsearch when ``ELASTICSEARCH_URL`` is set, PostgreSQL otherwise."""

from __future__ import annotations

from functools import cache

from django.conf import settings

from gigs_service.gigs.search.elastic import ElasticsearchBackend
from gigs_service.gigs.search.postgres import PostgresBackend


def elasticsearch_url() -> str:
    """The cluster gigs are searched in; empty for PostgreSQL."""
    return str(settings.ELASTICSEARCH_URL)


@cache
def postgres_backend() -> PostgresBackend:
    return PostgresBackend()


@cache
def _elasticsearch_at(url: str) -> ElasticsearchBackend:
    return ElasticsearchBackend(url)


def elasticsearch_backend() -> ElasticsearchBackend | None:
    """The Elasticsearch backend, or None when no cluster is configured."""
    url = elasticsearch_url()
    return _elasticsearch_at(url) if url else None


def backend() -> PostgresBackend | ElasticsearchBackend:
    """The backend that answers searches."""
    return elasticsearch_backend() or postgres_backend()
