"""``GET /api/v1/sellers/{username}/gigs?active=``: a seller's gigs; paused ones only for the seller."""

import pytest

from gigs_service.tests.factories import GigFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/sellers/bob/gigs"


@pytest.fixture
def bobs_gigs(bob, charlie):
    GigFactory(seller=charlie)
    return {"active": GigFactory(seller=bob), "paused": GigFactory(seller=bob, active=False)}


def ids(response):
    assert response.status_code == 200
    return [gig["id"] for gig in response.json()["results"]]


def test_anyone_sees_the_active_gigs_by_default(api_client, bobs_gigs):
    assert ids(api_client.get(URL)) == [bobs_gigs["active"].pk]


def test_active_true_lists_the_active_gigs(api_client_as, bobs_gigs):
    assert ids(api_client_as("alice").get(URL, {"active": "true"})) == [bobs_gigs["active"].pk]


def test_the_seller_lists_their_paused_gigs(api_client_as, bobs_gigs):
    assert ids(api_client_as("bob").get(URL, {"active": "false"})) == [bobs_gigs["paused"].pk]


@pytest.mark.parametrize("viewer", ["alice", "charlie", None])
def test_anyone_else_asking_for_paused_gigs_gets_an_empty_list(api_client, api_client_as, bobs_gigs, viewer):
    client = api_client_as(viewer) if viewer else api_client

    response = client.get(URL, {"active": "false"})

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_the_username_matches_in_any_case(api_client, bobs_gigs):
    assert ids(api_client.get("/api/v1/sellers/BOB/gigs")) == [bobs_gigs["active"].pk]


def test_newest_first_and_paginated(api_client, bob):
    older, newer = GigFactory(seller=bob), GigFactory(seller=bob)

    response = api_client.get(URL, {"page_size": 1})

    assert ids(response) == [newer.pk]
    assert response.json()["count"] == 2
    assert older.pk != newer.pk


def test_an_unknown_seller_is_a_404(api_client):
    response = api_client.get("/api/v1/sellers/nobody/gigs")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_bad_active_value_is_a_400(api_client, bob):
    response = api_client.get(URL, {"active": "sometimes"})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["active"]


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, bob):
    assert unsigned_client.get(URL).status_code == 401
