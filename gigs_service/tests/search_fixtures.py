"""Fixtures of the search tests: gigs to find, and each backend behind the same API.

``searchable`` is parametrized over both backends: every test that takes it runs once on
PostgreSQL and once on a real Elasticsearch-API server (``osmem-server``, started once per
session on a free port; every test gets its own empty clone of it).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from itertools import count
from typing import Any

import pytest
from django.utils import timezone
from osmem_server import OsmemServer

from gigs_service.gigs import search
from gigs_service.gigs.models import Gig, Seller

_ids = count(2001)


def make_seller(username: str) -> Seller:
    seller, _ = Seller.objects.get_or_create(
        username=username,
        defaults={"user_id": next(_ids), "full_name": username.title(), "changed_at": timezone.now()},
    )
    return seller


def make_gig(title: str = "A gig", *, seller: str = "bob", hours_ago: int | None = None, **fields: Any) -> Gig:
    """A gig saved and handed to search as the write use-cases do (``search.gig_changed``)."""
    defaults: dict[str, Any] = {
        "description": "Done well and on time.",
        "category": "Business",
        "price": Decimal("20.00"),
        "expected_delivery_days": 3,
    }
    gig = Gig.objects.create(seller=make_seller(seller), title=title, **{**defaults, **fields})
    if hours_ago is not None:
        Gig.objects.filter(pk=gig.pk).update(created_at=timezone.now() - timedelta(hours=hours_ago))
    search.gig_changed(gig)
    return gig


class Searchable:
    """The backend under test; ``ready()`` makes what was written searchable."""

    def __init__(self, name: str) -> None:
        self.name = name

    def ready(self, *removed_ids: int) -> None:
        """Index every gig, and remove ``removed_ids``, as the after-commit task would.

        Tests run inside one transaction whose commit never comes, so the task is not queued.
        """
        backend = search.elasticsearch_backend()
        if backend is not None:
            backend.index([*Gig.objects.values_list("id", flat=True), *removed_ids], refresh=True)


@pytest.fixture(scope="session")
def search_server() -> Iterator[OsmemServer]:
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


@pytest.fixture
def elasticsearch_url(search_server: OsmemServer) -> Iterator[str]:
    """An empty cluster for one test."""
    with search_server.clone() as clone:
        yield clone.url


@pytest.fixture(params=["postgres", "elasticsearch"])
def searchable(request: pytest.FixtureRequest, settings: Any, db: None) -> Searchable:
    """Each test once per backend: PostgreSQL, then Elasticsearch (osmem-server)."""
    settings.ELASTICSEARCH_URL = (
        request.getfixturevalue("elasticsearch_url") if request.param == "elasticsearch" else ""
    )
    return Searchable(request.param)
