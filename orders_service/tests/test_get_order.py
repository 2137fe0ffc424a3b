"""``GET /api/v1/orders/{id}``: a party sees the order with its timeline and review marks."""

import uuid
from decimal import Decimal

import pytest

from orders_service.tests.conftest import ORDERS, post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("party", ["alice", "bob"])
def test_each_party_sees_the_order_with_its_timeline(api_client_as, placed, party):
    post(api_client_as("bob"), f"{ORDERS}/{placed.pk}/extension", {"new_delivery_days": 2, "reason": "Busy"})

    response = api_client_as(party).get(f"{ORDERS}/{placed.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(placed.pk)
    assert (body["buyer_reviewed"], body["seller_reviewed"]) == (False, False)
    assert [(e["kind"], e["actor_id"], e["message"]) for e in body["timeline"]] == [
        ("placed", 1001, "A fox"),
        ("extension_requested", 1002, "Busy"),
    ]
    assert all(e["at"] for e in body["timeline"])


@pytest.mark.parametrize("stranger", ["mallory", "charlie"])
def test_a_stranger_gets_a_404(api_client_as, order_in, stranger):
    response = api_client_as(stranger).get(f"{ORDERS}/{order_in('in_progress').pk}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_unknown_order_is_a_404(api_client_as, db):
    assert api_client_as("alice").get(f"{ORDERS}/{uuid.uuid4()}").status_code == 404


def test_anonymous_gets_a_401(api_client, order_in):
    response = api_client.get(f"{ORDERS}/{order_in('in_progress').pk}")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_without_gateway_signature_gets_a_401(unsigned_client, order_in):
    response = unsigned_client.get(f"{ORDERS}/{order_in('in_progress').pk}")

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"


@pytest.mark.parametrize(
    ("status", "refunded", "credited", "expected"),
    [
        ("in_progress", "0.00", None, "96.00"),
        ("delivered", "20.00", None, "80.00"),
        ("completed", "20.00", "80.00", "80.00"),
        ("cancelled", "126.60", None, "0.00"),
    ],
)
def test_the_seller_sees_what_the_order_earns_them_before_it_completes(
    api_client_as, order_in, status, refunded, credited, expected
):
    order = order_in(status)
    order.refunded, order.seller_earnings = Decimal(refunded), credited and Decimal(credited)
    order.save()

    body = api_client_as("bob").get(f"{ORDERS}/{order.pk}").json()

    assert (body["expected_seller_earnings"], body["seller_earnings"]) == (expected, credited)
