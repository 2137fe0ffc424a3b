"""``GET /api/v1/gigs/top?category=``: the best-rated active gigs of a category, paginated."""

import pytest

from gigs_service.tests.factories import GigFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/gigs/top"


def test_best_rated_first_then_most_rated_then_oldest_id(api_client, bob):
    third = GigFactory(seller=bob, rating_average="4.50", ratings_count=3)
    first = GigFactory(seller=bob, rating_average="4.90", ratings_count=1)
    second = GigFactory(seller=bob, rating_average="4.50", ratings_count=10)
    fourth = GigFactory(seller=bob, rating_average="4.50", ratings_count=3)
    GigFactory(seller=bob, rating_average="5.00", active=False)
    GigFactory(seller=bob, rating_average="5.00", category="Data")

    response = api_client.get(URL, {"category": "Graphics & Design"})

    assert response.status_code == 200
    assert [gig["id"] for gig in response.json()["results"]] == [first.pk, second.pk, third.pk, fourth.pk]
    assert response.json()["count"] == 4


def test_the_list_is_paginated(api_client, bob):
    GigFactory.create_batch(3, seller=bob)

    response = api_client.get(URL, {"category": "Graphics & Design", "page_size": 2})

    assert (response.json()["count"], len(response.json()["results"])) == (3, 2)
    assert "page=2" in response.json()["next"]


@pytest.mark.parametrize("query", [{"category": "Cooking"}, {}])
def test_an_unknown_or_missing_category_is_a_400(api_client, query):
    response = api_client.get(URL, query)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["category"]


def test_signed_in_users_see_the_same_list(api_client_as, bob):
    gig = GigFactory(seller=bob)

    response = api_client_as("alice").get(URL, {"category": "Graphics & Design"})

    assert [result["id"] for result in response.json()["results"]] == [gig.pk]


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client):
    assert unsigned_client.get(URL, {"category": "Data"}).status_code == 401
