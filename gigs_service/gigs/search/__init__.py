"""Search over active gigs: one interface, two backends (PostgreSQL, Elasticsearch).

``backend().search(SearchQuery(...)) -> SearchPage``; ``backend().index(ids)``,
``.remove(id)``, ``.reindex()``. The write use-cases call ``gig_changed`` /
``gigs_changed`` / ``gig_removed`` inside their transaction and every backend follows.
"""

from gigs_service.gigs.search.backends import backend, elasticsearch_backend, postgres_backend
from gigs_service.gigs.search.query import EXACT_COUNT_UP_TO, SORTS, SearchPage, SearchQuery
from gigs_service.gigs.search.sync import gig_changed, gig_removed, gigs_changed

__all__ = [
    "EXACT_COUNT_UP_TO",
    "SORTS",
    "SearchPage",
    "SearchQuery",
    "backend",
    "elasticsearch_backend",
    "gig_changed",
    "gig_removed",
    "gigs_changed",
    "postgres_backend",
]
