"""GET /api/v1/gigs with bad parameters: 400 naming the field, on both backends."""

import pytest

from gigs_service.tests import search_fixtures
from gigs_service.tests.search_fixtures import make_gig

# Fixtures: each search test runs on PostgreSQL and on Elasticsearch.
search_server = search_fixtures.search_server
elasticsearch_url = search_fixtures.elasticsearch_url
searchable = search_fixtures.searchable

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("category=Cooking", "category"),
        ("min_price=cheap", "min_price"),
        ("min_price=-1", "min_price"),
        ("max_price=1e400", "max_price"),
        ("min_price=50&max_price=10", "max_price"),
        ("max_delivery_days=soon", "max_delivery_days"),
        ("max_delivery_days=0", "max_delivery_days"),
        ("sort=popularity", "sort"),
        ("page=0", "page"),
        ("page=two", "page"),
        ("page_size=0", "page_size"),
        ("q=" + "x" * 201, "q"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(searchable, api_client, query, field):
    make_gig("Logo")
    searchable.ready()

    response = api_client.get(f"/api/v1/gigs?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [field]


def test_more_than_a_hundred_per_page_is_a_hundred(searchable, api_client):
    for _ in range(101):
        make_gig("Logo")
    searchable.ready()

    response = api_client.get("/api/v1/gigs?page_size=500")

    assert len(response.json()["results"]) == 100
    assert response.json()["count"] == 101


def test_anyone_may_search_but_only_through_the_gateway(api_client, api_client_as, unsigned_client, db):
    assert api_client.get("/api/v1/gigs").status_code == 200
    assert api_client_as("alice").get("/api/v1/gigs").status_code == 200
    response = unsigned_client.get("/api/v1/gigs")
    assert response.status_code in (401, 403)


@pytest.mark.parametrize("query", ["page=101&page_size=100", "page=1000000&page_size=100", "page=10001&page_size=1"])
def test_a_page_beyond_the_ten_thousandth_result_is_a_404_not_an_error(searchable, api_client, query):
    # Elasticsearch serves no result past its window of 10,000 (``index.max_result_window``).
    make_gig("Logo")
    searchable.ready()

    response = api_client.get(f"/api/v1/gigs?{query}")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Invalid page."}
