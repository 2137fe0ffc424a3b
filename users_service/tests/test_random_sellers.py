"""``GET /api/v1/sellers/random?size=N``: N distinct sellers picked at random, for anyone."""

import pytest

from users_service.tests.factories import BuyerProfileFactory, SellerProfileFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/sellers/random"


def usernames(response) -> list[str]:
    return [seller["username"] for seller in response.json()]


@pytest.fixture
def thirty_sellers() -> set[str]:
    return {SellerProfileFactory().buyer.username for _ in range(30)}


def test_size_distinct_sellers_with_their_public_profile(api_client, thirty_sellers):
    response = api_client.get(URL, {"size": 5})

    assert response.status_code == 200
    assert len(set(usernames(response))) == 5
    assert set(usernames(response)) <= thirty_sellers
    assert {"full_name", "rating_average", "total_gigs"} <= set(response.json()[0])
    assert "email" not in response.json()[0]


def test_ten_by_default(api_client, thirty_sellers):
    assert len(api_client.get(URL).json()) == 10


def test_every_seller_when_there_are_fewer_than_asked(api_client):
    sellers = {SellerProfileFactory().buyer.username for _ in range(3)}

    assert sorted(usernames(api_client.get(URL, {"size": 50}))) == sorted(sellers)


def test_asking_for_all_of_a_small_table_returns_each_seller_once(api_client, thirty_sellers):
    # The probes collide on a small table: the rest is drawn without them.
    picked = usernames(api_client.get(URL, {"size": 30}))

    assert sorted(picked) == sorted(thirty_sellers)


def test_buyers_who_are_not_sellers_are_never_picked(api_client):
    BuyerProfileFactory.create_batch(5)
    seller = SellerProfileFactory()

    assert usernames(api_client.get(URL, {"size": 5})) == [seller.buyer.username]


def test_the_picks_vary_between_calls(api_client, thirty_sellers):
    draws = {tuple(usernames(api_client.get(URL, {"size": 3}))) for _ in range(10)}

    assert len(draws) > 1


def test_no_sellers_is_an_empty_list(api_client):
    response = api_client.get(URL)

    assert (response.status_code, response.json()) == (200, [])


@pytest.mark.parametrize("size", ["0", "51", "-1", "ten", "5.5"])
def test_a_size_outside_1_to_50_is_refused(api_client, size):
    response = api_client.get(URL, {"size": size})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == ["size"]


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client):
    response = unsigned_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
