"""``GET /api/v1/payouts/balance`` and ``/ledger``: a seller's balances, explained line by line."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orders_service.orders import services
from orders_service.orders.services import Actor
from orders_service.tests.conftest import post

pytestmark = pytest.mark.django_db
BALANCE = "/api/v1/payouts/balance"
LEDGER = "/api/v1/payouts/ledger"


def complete(order_in) -> str:
    order = order_in("delivered")
    services.approve_order(buyer=Actor(1001, "alice"), order_id=order.pk)
    return str(order.pk)


def test_a_seller_with_nothing_yet_has_zero_balances_and_no_account(api_client_as, db):
    response = api_client_as("bob").get(BALANCE)

    assert response.status_code == 200
    assert response.json() == {
        "pending": "0.00", "available": "0.00", "withdrawn": "0.00", "currency": "usd",
        "minimum_withdrawal": "10.00", "clearing_days": 14.0, "account": None, "pending_withdrawal": None,
    }  # fmt: skip


def test_the_balances_are_the_sums_of_the_ledger(api_client_as, order_in):
    first = complete(order_in)
    services.clear_earnings(now=timezone.now() + timedelta(days=15))
    second = complete(order_in)
    post(api_client_as("bob"), "/api/v1/payouts/account")
    post(api_client_as("bob"), "/api/v1/payouts/withdrawals", {"amount": "30.00"})

    balance = api_client_as("bob").get(BALANCE).json()
    ledger = api_client_as("bob").get(LEDGER).json()

    assert (balance["pending"], balance["available"], balance["withdrawn"]) == ("96.00", "66.00", "30.00")
    assert balance["account"]["provider"] == "stripe"
    assert [(e["kind"], e["pending"], e["available"], e["withdrawn"], e["order_id"]) for e in ledger["results"]] == [
        ("withdrawal", "0.00", "-30.00", "30.00", None),
        ("earning", "96.00", "0.00", "0.00", second),
        ("cleared", "-96.00", "96.00", "0.00", first),
        ("earning", "96.00", "0.00", "0.00", first),
    ]
    assert ledger["count"] == 4
    assert ledger["results"][0]["withdrawal_id"] is not None
    assert ledger["results"][1]["clears_at"] is not None


def test_the_ledger_is_paginated(api_client_as, order_in):
    complete(order_in)
    complete(order_in)

    response = api_client_as("bob").get(LEDGER, {"page_size": 1, "page": 2})

    assert response.status_code == 200
    assert (response.json()["count"], len(response.json()["results"])) == (2, 1)


@pytest.mark.parametrize("other", ["alice", "charlie", "mallory"])
def test_nobody_else_sees_a_sellers_money(api_client_as, order_in, other):
    complete(order_in)

    assert api_client_as(other).get(BALANCE).json()["pending"] == "0.00"
    assert api_client_as(other).get(LEDGER).json()["results"] == []


@pytest.mark.parametrize("path", [BALANCE, LEDGER])
def test_anonymous_gets_a_401(api_client, path):
    assert api_client.get(path).status_code == 401


@pytest.mark.parametrize("path", [BALANCE, LEDGER])
def test_without_gateway_signature_gets_a_401(unsigned_client, path):
    response = unsigned_client.get(path)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
