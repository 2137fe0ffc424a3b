"""Which backend answers: Elasticsearch when ``ELASTICSEARCH_URL`` is set, PostgreSQL otherwise."""

from __future__ import annotations

from functools import cache

from django.conf import settings

from common.conf.env import env_str
from gigs_service.gigs.search.elastic import ElasticsearchBackend
from gigs_service.gigs.search.postgres import PostgresBackend


def elasticsearch_url() -> str:
    """``settings.ELASTICSEARCH_URL`` when a settings module sets it, else the environment."""
    url = getattr(settings, "ELASTICSEARCH_URL", None)
    return env_str("ELASTICSEARCH_URL") if url is None else url


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
