"""Counts past the exact threshold, and relevance ranked from the title matches first."""

from decimal import Decimal

import pytest
from django.db import connection

from gigs_service.gigs.search import elastic, postgres
from gigs_service.tests import search_fixtures
from gigs_service.tests.search_fixtures import make_gig

search_server = search_fixtures.search_server
elasticsearch_url = search_fixtures.elasticsearch_url
searchable = search_fixtures.searchable

pytestmark = pytest.mark.django_db


@pytest.fixture
def exact_up_to_three(monkeypatch):
    for module in (postgres, elastic):
        monkeypatch.setattr(module, "EXACT_COUNT_UP_TO", 3)


@pytest.mark.parametrize("query", ["q=logo", "q=logo&sort=price", "min_price=5", ""])
def test_past_the_threshold_the_count_is_an_estimate_and_says_so(searchable, api_client, exact_up_to_three, query):
    for n in range(6):
        make_gig(f"Logo {n}", hours_ago=n + 1)
    searchable.ready()

    body = api_client.get(f"/api/v1/gigs?{query}&page_size=2").json()

    assert (body["count_is_estimate"], body["count"] >= 3, len(body["results"])) == (True, True, 2)
    assert body["next"] is not None


@pytest.mark.parametrize("query", ["q=logo&page_size=2&page=2", "q=logo&page_size=5", "q=logo&sort=price&page_size=3"])
def test_up_to_the_threshold_the_count_is_exact(searchable, api_client, exact_up_to_three, query):
    for n in range(3):
        make_gig(f"Logo {n}", hours_ago=n + 1)
    make_gig("Website")
    searchable.ready()

    body = api_client.get(f"/api/v1/gigs?{query}").json()

    assert (body["count"], body["count_is_estimate"]) == (3, False)


def ranked_by_postgres(word: str) -> list[int]:
    """Every active match of ``word``, best first, as ts_rank orders them all (the reference)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM gigs_gig WHERE active AND search_vector @@ to_tsquery('simple', %s)"
            " ORDER BY ts_rank(%s::float4[], search_vector, to_tsquery('simple', %s)) DESC, id DESC",
            [word, postgres.WEIGHTS, word],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize("page_size", [1, 2, 3, 4])
def test_pages_ranked_from_the_title_matches_are_those_of_ranking_every_match(api_client, page_size):
    make_gig("Logo", tags=["logo"])
    make_gig("Logo logo", description="A logo.")
    make_gig("Logo", description="Your logo, logo, logo.")
    make_gig("Paused logo", active=False)
    make_gig("Website", tags=["logo"], description="And a logo.")
    make_gig("Website", description="A logo, a logo.")
    make_gig("Brand", description="A logo.", price=Decimal("30.00"))

    pages = [
        api_client.get(f"/api/v1/gigs?q=logo&page_size={page_size}&page={page}").json()
        for page in range(1, 6 // page_size + 2)
    ]

    assert [gig["id"] for body in pages for gig in body.get("results", [])] == ranked_by_postgres("logo")
