"""``GET /api/v1/orders?role=buyer|seller&status=``: my orders, newest first, paginated."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orders_service.tests.factories import OrderFactory, PaymentFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/orders"


@pytest.fixture
def orders():
    now = timezone.now()
    return {
        "alice_buys": OrderFactory(placed_at=now - timedelta(hours=3)),
        "alice_buys_done": OrderFactory(status="completed", placed_at=now - timedelta(hours=2)),
        "charlie_sells_to_alice": OrderFactory(
            payment=PaymentFactory(seller_id=1003, seller_username="charlie"), placed_at=now - timedelta(hours=1)
        ),
        "bob_sells_to_mallory": OrderFactory(payment=PaymentFactory(buyer_id=1004, buyer_username="mallory")),
    }


def ids(response):
    return [o["id"] for o in response.json()["results"]]


def test_without_role_i_see_every_order_i_am_party_to_newest_first(api_client_as, orders):
    response = api_client_as("bob").get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert ids(response) == [str(orders[k].pk) for k in ["bob_sells_to_mallory", "alice_buys_done", "alice_buys"]]


def test_as_buyer(api_client_as, orders):
    response = api_client_as("alice").get(URL, {"role": "buyer"})

    assert ids(response) == [str(orders[k].pk) for k in ["charlie_sells_to_alice", "alice_buys_done", "alice_buys"]]


def test_as_seller_with_a_status(api_client_as, orders):
    response = api_client_as("bob").get(URL, {"role": "seller", "status": "completed"})

    assert ids(response) == [str(orders["alice_buys_done"].pk)]


def test_a_stranger_sees_none(api_client_as, orders):
    assert api_client_as("admin").get(URL).json()["count"] == 0


def test_pages(api_client_as, orders):
    body = api_client_as("alice").get(URL, {"page_size": 2}).json()

    assert (body["count"], len(body["results"]), body["next"] is not None) == (3, 2, True)


@pytest.mark.parametrize(("query", "field"), [({"role": "admin"}, "role"), ({"status": "lost"}, "status")])
def test_an_unknown_filter_is_a_400(api_client_as, orders, query, field):
    response = api_client_as("alice").get(URL, query)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]


def test_anonymous_gets_a_401(api_client, db):
    assert api_client.get(URL).json()["code"] == "not_authenticated"


def test_without_gateway_signature_gets_a_401(unsigned_client, db):
    assert unsigned_client.get(URL).json()["code"] == "gateway_signature_missing"
