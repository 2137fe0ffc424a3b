"""GET /api/v1/gigs: the same search cases, with the same answers, on both backends."""

from decimal import Decimal

import pytest

from gigs_service.gigs import search
from gigs_service.gigs.models import Gig
from gigs_service.tests import search_fixtures
from gigs_service.tests.search_fixtures import make_gig

# Fixtures: each search test runs on PostgreSQL and on Elasticsearch.
search_server = search_fixtures.search_server
elasticsearch_url = search_fixtures.elasticsearch_url
searchable = search_fixtures.searchable

pytestmark = pytest.mark.django_db


def found(api_client, query: str = "") -> list[str]:
    response = api_client.get(f"/api/v1/gigs{'?' if query else ''}{query}")
    assert response.status_code == 200, response.json()
    return [gig["title"] for gig in response.json()["results"]]


def test_words_of_the_title_find_the_gig(searchable, api_client):
    make_gig("Professional logo design")
    make_gig("Wordpress website")
    searchable.ready()

    assert found(api_client, "q=logo") == ["Professional logo design"]


def test_every_word_must_match_somewhere(searchable, api_client):
    make_gig("Logo design", tags=["branding"])
    make_gig("Logo animation")
    searchable.ready()

    assert found(api_client, "q=logo+branding") == ["Logo design"]


@pytest.mark.parametrize(
    ("field", "value", "query"),
    [
        ("tags", ["wordpress", "seo"], "seo"),
        ("description", "I will translate your novel.", "novel"),
        ("sub_categories", ["Podcast editing"], "podcast"),
        ("category", "Photography", "photography"),
    ],
)
def test_tags_description_and_categories_are_searched(searchable, api_client, field, value, query):
    make_gig("The match", **{field: value})
    make_gig("Something else")
    searchable.ready()

    assert found(api_client, f"q={query}") == ["The match"]


def test_the_sellers_username_is_searched(searchable, api_client):
    make_gig("Bob's gig", seller="bob")
    make_gig("Charlie's gig", seller="charlie")
    searchable.ready()

    assert found(api_client, "q=charlie") == ["Charlie's gig"]


def test_words_are_stemmed(searchable, api_client):
    make_gig("Logo designs for startups")
    searchable.ready()

    assert found(api_client, "q=designing") == ["Logo designs for startups"]


def test_a_typo_still_finds_the_gig(searchable, api_client):
    make_gig("Professional logo design")
    make_gig("Logo animation")
    make_gig("Wordpress website")
    searchable.ready()

    assert found(api_client, "q=logo+desgin") == ["Professional logo design"]


def test_stop_words_alone_constrain_nothing(searchable, api_client):
    make_gig("Logo design", hours_ago=1)
    make_gig("Website", hours_ago=2)
    searchable.ready()

    # Every gig ties: the newest id first.
    assert found(api_client, "q=the+for") == ["Website", "Logo design"]


def test_a_word_no_gig_is_close_to_finds_nothing(searchable, api_client):
    make_gig("Professional logo design")
    searchable.ready()

    assert found(api_client, "q=xylophone") == []


def test_a_match_in_the_title_ranks_above_one_in_the_description(searchable, api_client):
    make_gig("Website copy", description="Words that sell your logo.", hours_ago=1)
    make_gig("Logo for your brand", hours_ago=2)
    searchable.ready()

    assert found(api_client, "q=logo") == ["Logo for your brand", "Website copy"]


def test_paused_and_deleted_gigs_are_never_found(searchable, api_client):
    make_gig("Active logo")
    make_gig("Paused logo", active=False)
    deleted = make_gig("Deleted logo")
    searchable.ready()
    deleted_id = deleted.pk
    deleted.delete()
    searchable.ready(deleted_id)

    assert found(api_client, "q=logo") == ["Active logo"]
    assert found(api_client) == ["Active logo"]


def test_the_category_filter(searchable, api_client):
    make_gig("Logo", category="Graphics & Design")
    make_gig("Logo video", category="Video & Animation")
    searchable.ready()

    assert found(api_client, "category=Video+%26+Animation") == ["Logo video"]
    assert found(api_client, "q=logo&category=Graphics+%26+Design") == ["Logo"]


def test_the_price_range_includes_both_ends(searchable, api_client):
    for price in ("10.00", "20.00", "30.00", "40.00"):
        make_gig(f"Gig at {price}", price=Decimal(price))
    searchable.ready()

    assert found(api_client, "min_price=20&max_price=30&sort=price") == ["Gig at 20.00", "Gig at 30.00"]
    assert found(api_client, "min_price=30.5&sort=price") == ["Gig at 40.00"]
    assert found(api_client, "max_price=19.99&sort=price") == ["Gig at 10.00"]


def test_the_delivery_days_filter(searchable, api_client):
    make_gig("Express", expected_delivery_days=1)
    make_gig("Normal", expected_delivery_days=3)
    make_gig("Slow", expected_delivery_days=10)
    searchable.ready()

    assert found(api_client, "max_delivery_days=3&sort=price") == ["Normal", "Express"]


def test_newest_first_without_a_query(searchable, api_client):
    make_gig("Old", hours_ago=3)
    make_gig("Newest", hours_ago=1)
    make_gig("Middle", hours_ago=2)
    searchable.ready()

    assert found(api_client) == ["Newest", "Middle", "Old"]
    assert found(api_client, "sort=newest") == ["Newest", "Middle", "Old"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price", ["Cheap", "Middle", "Dear"]),
        ("-price", ["Dear", "Middle", "Cheap"]),
        ("rating", ["Middle", "Dear", "Cheap"]),
    ],
)
def test_sorts(searchable, api_client, sort, expected):
    make_gig("Cheap", price=Decimal("5.00"), rating_average=Decimal("3.00"), ratings_count=9)
    make_gig("Middle", price=Decimal("50.00"), rating_average=Decimal("4.90"), ratings_count=2)
    make_gig("Dear", price=Decimal("500.00"), rating_average=Decimal("4.50"), ratings_count=1)
    searchable.ready()

    assert found(api_client, f"sort={sort}") == expected


def test_equal_ratings_go_to_the_most_rated(searchable, api_client):
    make_gig("Rated once", rating_average=Decimal("5.00"), ratings_count=1)
    make_gig("Rated often", rating_average=Decimal("5.00"), ratings_count=40)
    searchable.ready()

    assert found(api_client, "sort=rating") == ["Rated often", "Rated once"]


@pytest.mark.parametrize("sort", ["relevance", "price", "-price", "rating", "newest"])
def test_pages_never_repeat_or_skip_gigs_that_tie(searchable, api_client, sort):
    # Same text, price, rating and creation time: only the id tells them apart.
    gigs = [make_gig("Logo design", hours_ago=1) for _ in range(7)]
    Gig.objects.update(created_at=gigs[0].created_at)
    searchable.ready()

    pages = [
        [
            gig["id"]
            for gig in api_client.get(f"/api/v1/gigs?q=logo&sort={sort}&page_size=3&page={page}").json()["results"]
        ]
        for page in (1, 2, 3)
    ]

    assert [len(page) for page in pages] == [3, 3, 1]
    assert [*pages[0], *pages[1], *pages[2]] == sorted((gig.pk for gig in gigs), reverse=True)


def test_the_page_links(searchable, api_client):
    for hour in range(5):
        make_gig(f"Logo {hour}", hours_ago=hour + 1)
    searchable.ready()

    first = api_client.get("/api/v1/gigs?q=logo&page_size=2").json()
    last = api_client.get("/api/v1/gigs?q=logo&page_size=2&page=3").json()

    assert first["count"] == 5
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/gigs?page=2&page_size=2&q=logo"
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/v1/gigs?page=2&page_size=2&q=logo"
    assert api_client.get("/api/v1/gigs?q=logo&page_size=2&page=2").json()["previous"] == (
        "http://testserver/api/v1/gigs?page_size=2&q=logo"
    )


@pytest.mark.parametrize("sort", ["relevance", "price", "newest"])
def test_every_page_counts_every_match_and_only_them(searchable, api_client, sort):
    for hour in range(5):
        make_gig(f"Logo {hour}", hours_ago=hour + 1)
    make_gig("Wordpress website")
    make_gig("Logo, too dear", price=Decimal("900.00"))
    searchable.ready()

    counts = [
        api_client.get(f"/api/v1/gigs?q=logo&max_price=100&sort={sort}&page_size=2&page={page}").json()["count"]
        for page in (1, 2, 3)
    ]

    assert counts == [5, 5, 5]


def test_a_search_past_the_last_page_still_counts_the_matches(searchable):
    for _ in range(3):
        make_gig("Logo")
    searchable.ready()

    page = search.backend().search(search.SearchQuery(q="logo", page=3, page_size=2))

    assert (page.count, page.gigs) == (3, [])


def test_a_page_past_the_last_is_not_found(searchable, api_client):
    make_gig("Logo")
    searchable.ready()

    response = api_client.get("/api/v1/gigs?page=2")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_result_is_a_gig_summary(searchable, api_client):
    gig = make_gig(
        "Logo design",
        seller="charlie",
        category="Graphics & Design",
        price=Decimal("25.50"),
        expected_delivery_days=2,
        rating_average=Decimal("4.50"),
        ratings_count=2,
    )
    searchable.ready()

    response = api_client.get("/api/v1/gigs?q=logo")

    assert response.json() == {
        "count": 1,
        "count_is_estimate": False,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": gig.pk,
                "title": "Logo design",
                "price": "25.50",
                "cover_image_url": None,
                "rating_average": "4.50",
                "ratings_count": 2,
                "expected_delivery_days": 2,
                "category": "Graphics & Design",
                "seller": {
                    "id": gig.seller.user_id,
                    "username": "charlie",
                    "full_name": "Charlie",
                    "one_liner": "",
                    "country": "",
                    "rating_average": "0.00",
                    "ratings_count": 0,
                },
                "created_at": gig.created_at.isoformat().replace("+00:00", "Z"),
            }
        ],
    }
