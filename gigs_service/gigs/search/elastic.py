"""Elasticsearch: one document per gig in the index behind the ``bazaar-gigs`` alias.

Reindexing builds a new index and moves the alias in one step, so searches never see a
half-filled index. Hits are ids; the gigs themselves are read from the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError, helpers

from common.elasticsearch import make_client
from common.progress import Progress
from gigs_service.gigs.models import Gig
from gigs_service.gigs.search.query import EXACT_COUNT_UP_TO, SearchPage, SearchQuery

TEXT = {"type": "text", "analyzer": "english"}
MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "id": {"type": "long"},
        "title": TEXT,
        "description": TEXT,
        "tags": TEXT,
        "categories": TEXT,
        "seller_username": TEXT,
        "category": {"type": "keyword"},
        # Cents as a long: exact, unlike a double, and cheaper than scaled_float to support.
        "price_cents": {"type": "long"},
        "expected_delivery_days": {"type": "integer"},
        "rating_average": {"type": "float"},
        "ratings_count": {"type": "integer"},
        "created_at": {"type": "date"},
        "active": {"type": "boolean"},
    },
}
# The same weights as the PostgreSQL vector: title A, tags/category B, seller/sub-categories C.
FIELDS = ["title^4", "tags^2", "categories^2", "seller_username^1.5", "description"]

SORT: dict[str, list[dict[str, str]]] = {
    "relevance": [{"_score": "desc"}, {"id": "desc"}],
    "price": [{"price_cents": "asc"}, {"id": "desc"}],
    "-price": [{"price_cents": "desc"}, {"id": "desc"}],
    "rating": [{"rating_average": "desc"}, {"ratings_count": "desc"}, {"id": "desc"}],
    "newest": [{"created_at": "desc"}, {"id": "desc"}],
}


def alias() -> str:
    return str(settings.ELASTICSEARCH_GIGS_INDEX)


# ``index.max_result_window``, Elasticsearch's default: hits past it are never served.
MAX_RESULT_WINDOW = 10_000


class ElasticsearchBackend:
    """Search in Elasticsearch (any server speaking its API with plain JSON)."""

    name = "elasticsearch"

    def __init__(self, url: str) -> None:
        self.client: Elasticsearch = make_client(url, timeout=10)
        self._index_exists = False

    def search(self, query: SearchQuery) -> SearchPage:
        self.ensure_index()
        found = self.client.search(
            index=alias(),
            query=es_query(query),
            sort=SORT[query.effective_sort],
            # Elasticsearch serves no hit past its window: a page beyond it comes back empty
            # with the true count (the view's 404), instead of Elasticsearch's 400 as a 500.
            from_=min(query.offset, MAX_RESULT_WINDOW),
            size=max(0, min(query.page_size, MAX_RESULT_WINDOW - query.offset)),
            # As PostgreSQL: exact up to the threshold, then "at least" (relation "gte").
            track_total_hits=EXACT_COUNT_UP_TO,
            source=False,
        )
        ids = [int(hit["_id"]) for hit in found["hits"]["hits"]]
        # The database has the last word: a gig paused a moment ago is not shown.
        gigs = Gig.objects.filter(id__in=ids, active=True).select_related("seller").in_bulk()
        total = found["hits"]["total"]
        return SearchPage(
            count=total["value"], gigs=[gigs[i] for i in ids if i in gigs], count_is_estimate=total["relation"] != "eq"
        )

    def index(self, gig_ids: Iterable[int], *, refresh: bool = False) -> None:
        """Write the current state of these gigs; a gig that no longer exists is removed."""
        ids = list(gig_ids)
        gigs = Gig.objects.filter(id__in=ids).select_related("seller")
        present = {gig.pk for gig in gigs}
        self.ensure_index()
        actions = [*_index_actions(alias(), gigs), *_delete_actions(alias(), set(ids) - present)]
        # A 404 on delete means it was never indexed: already the state we want.
        helpers.bulk(self.client, actions, refresh=refresh, ignore_status=(404,), stats_only=True)

    def remove(self, gig_id: int, *, refresh: bool = False) -> None:
        with suppress(NotFoundError):
            self.client.delete(index=alias(), id=str(gig_id), refresh=refresh)

    def reindex(self, *, batch_size: int = 1000, progress: Progress | None = None) -> int:
        """Fill a new index with every gig, then move the alias to it and drop the old ones."""
        name = f"{alias()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        self._create(name)
        gigs = Gig.objects.select_related("seller").order_by("id").iterator(chunk_size=batch_size)
        if progress is not None:
            gigs = _counted(gigs, progress)
        indexed, _ = helpers.bulk(self.client, _index_actions(name, gigs), chunk_size=batch_size, stats_only=True)
        self.client.indices.refresh(index=name)
        self._point_alias_at(name)
        return indexed

    def ensure_index(self) -> None:
        """Create the index and its alias the first time (a fresh cluster, a test)."""
        if self._index_exists:
            return
        if not self.client.indices.exists_alias(name=alias()):
            name = f"{alias()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
            self._create(name)
            self._point_alias_at(name)
        self._index_exists = True

    def _create(self, name: str) -> None:
        self.client.indices.create(index=name, mappings=MAPPING, settings={"number_of_shards": 1})

    def _point_alias_at(self, name: str) -> None:
        old = (
            list(self.client.indices.get_alias(name=alias())) if self.client.indices.exists_alias(name=alias()) else []
        )
        actions = [{"remove": {"index": index, "alias": alias()}} for index in old]
        self.client.indices.update_aliases(actions=[*actions, {"add": {"index": name, "alias": alias()}}])
        for index in old:
            self.client.indices.delete(index=index)


def es_query(query: SearchQuery) -> dict[str, Any]:
    """Every word must match some field, give or take AUTO typos; then the filters."""
    must = [
        {
            "multi_match": {
                "query": word,
                "fields": FIELDS,
                "fuzziness": "AUTO",
                "prefix_length": 1,
                # A stop word analyses to nothing: it must not make the whole query match nothing.
                "zero_terms_query": "all",
            }
        }
        for word in query.words
    ]
    return {"bool": {"must": must or [{"match_all": {}}], "filter": _filters(query)}}


def _filters(query: SearchQuery) -> list[dict[str, Any]]:
    filters: list[dict[str, Any]] = [{"term": {"active": True}}]
    if query.category:
        filters.append({"term": {"category": query.category}})
    price: dict[str, int] = {}
    if query.min_price is not None:
        price["gte"] = int(query.min_price * 100)
    if query.max_price is not None:
        price["lte"] = int(query.max_price * 100)
    if price:
        filters.append({"range": {"price_cents": price}})
    if query.max_delivery_days is not None:
        filters.append({"range": {"expected_delivery_days": {"lte": query.max_delivery_days}}})
    return filters


def document(gig: Gig) -> dict[str, Any]:
    """What Elasticsearch knows of a gig."""
    return {
        "id": gig.pk,
        "title": gig.title,
        "description": gig.description,
        "tags": list(gig.tags),
        "categories": [gig.category, *gig.sub_categories],
        "seller_username": gig.seller.username,
        "category": gig.category,
        "price_cents": int(gig.price * 100),
        "expected_delivery_days": gig.expected_delivery_days,
        "rating_average": float(gig.rating_average),
        "ratings_count": gig.ratings_count,
        "created_at": gig.created_at.isoformat(),
        "active": gig.active,
    }


def _counted(gigs: Iterable[Gig], progress: Progress) -> Iterator[Gig]:
    """``gigs``, each counted once it is handed to the bulk request."""
    for gig in gigs:
        yield gig
        progress.advance()


def _index_actions(index: str, gigs: Iterable[Gig]) -> Iterator[dict[str, Any]]:
    for gig in gigs:
        yield {"_op_type": "index", "_index": index, "_id": str(gig.pk), "_source": document(gig)}


def _delete_actions(index: str, gig_ids: Iterable[int]) -> Iterator[dict[str, Any]]:
    for gig_id in gig_ids:
        yield {"_op_type": "delete", "_index": index, "_id": str(gig_id)}
