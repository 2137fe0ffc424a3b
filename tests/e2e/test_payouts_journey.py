"""A seller's money after an approved order, through the gateway: pending, cleared, withdrawn to a connected account.

The e2e fleet clears earnings after ``EARNINGS_CLEARING_DAYS`` = 0.00015 (13 seconds, see
``conftest.start_fleet``), and orders' beat looks for them every second. The connected
account and its transfer are at the fleet's localstripe (Connect's accounts and transfers are
the runner's additions to it), read back with the real ``stripe`` client.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from tests.e2e.marketplace import make_seller
from tests.e2e.orders import act, pay, place, provider, settled

pytestmark = pytest.mark.e2e

PAYOUTS = "/api/v1/payouts"


def test_an_approved_orders_earning_is_pending_then_available_then_withdrawn_to_the_sellers_account(
    fleet, mailbox, members
):
    seller = make_seller(fleet, mailbox, "baker", title="I will bake a wedding cake", price="150.00")
    baker, gig = seller.member, seller.gig
    buyer = members("buyer")
    payments = provider(buyer.browser)
    intent = pay(buyer, payments, gig_id=gig["id"])
    placed = place(buyer, intent["payment_intent_id"], "Three tiers, lemon.")
    assert placed.status_code == 201, placed.text
    order = placed.json()
    assert act(baker, order, "deliver", message="Baked and boxed").status_code == 200
    approved = act(buyer, order, "approve")
    assert (approved.status_code, approved.json()["seller_earnings"]) == (200, "120.00"), approved.text

    # Pending at once: the ledger says where it came from and when it clears.
    pending = baker.browser.get(f"{PAYOUTS}/balance")
    assert pending.status_code == 200, pending.text
    assert {k: pending.json()[k] for k in ("pending", "available", "withdrawn")} == {
        "pending": "120.00",
        "available": "0.00",
        "withdrawn": "0.00",
    }
    [earning] = baker.browser.get(f"{PAYOUTS}/ledger").json()["results"]
    assert (earning["kind"], earning["pending"], earning["order_id"]) == ("earning", "120.00", order["id"])
    assert earning["description"] == f"{gig['title']}: 150.00, less Bazaar's 20%"
    too_soon = baker.browser.post(f"{PAYOUTS}/withdrawals", json={"amount": "50.00"})
    assert (too_soon.status_code, too_soon.json()["code"]) == (409, "no_payout_account")

    # Connected at the provider, able to receive transfers.
    connected = baker.browser.post(f"{PAYOUTS}/account")
    assert connected.status_code == 201, connected.text
    account_id = connected.json()["account_id"]
    assert payments.client.v1.accounts.retrieve(account_id).capabilities.transfers == "active"
    not_yet = baker.browser.post(f"{PAYOUTS}/withdrawals", json={"amount": "50.00"})
    assert (not_yet.status_code, not_yet.json()["code"]) == (400, "amount_too_large")

    # Cleared by beat once the clearing period is over.
    cleared = settled(lambda: baker.browser.get(f"{PAYOUTS}/balance"), lambda b: b["available"] == "120.00", timeout=40)
    assert (cleared["pending"], cleared["withdrawn"], cleared["account"]["account_id"]) == ("0.00", "0.00", account_id)

    # Withdrawn in part, once for one Idempotency-Key; the rest stays available.
    key = {"Idempotency-Key": str(uuid.uuid4())}
    below = baker.browser.post(f"{PAYOUTS}/withdrawals", json={"amount": "5.00"})
    assert (below.status_code, below.json()["code"]) == (400, "below_minimum_withdrawal")
    withdrawn = baker.browser.post(f"{PAYOUTS}/withdrawals", json={"amount": "100.00"}, headers=key)
    again = baker.browser.post(f"{PAYOUTS}/withdrawals", json={"amount": "100.00"}, headers=key)
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (201, "paid"), withdrawn.text
    assert (again.status_code, again.json()["id"]) == (200, withdrawn.json()["id"])
    transfer = payments.client.v1.transfers.retrieve(withdrawn.json()["transfer_id"])
    assert (transfer.amount, transfer.destination) == (10000, account_id)
    balance = baker.browser.get(f"{PAYOUTS}/balance").json()
    assert (Decimal(balance["pending"]), Decimal(balance["available"]), Decimal(balance["withdrawn"])) == (
        Decimal("0"),
        Decimal("20.00"),
        Decimal("100.00"),
    )
    ledger = baker.browser.get(f"{PAYOUTS}/ledger").json()["results"]
    assert [(e["kind"], e["pending"], e["available"], e["withdrawn"]) for e in ledger] == [
        ("withdrawal", "0.00", "-100.00", "100.00"),
        ("cleared", "-120.00", "120.00", "0.00"),
        ("earning", "120.00", "0.00", "0.00"),
    ]
    assert buyer.browser.get(f"{PAYOUTS}/ledger").json()["results"] == []

    # The baker hears of it by email.
    mail = mailbox.wait_for_subject(baker.email, "$100.00 is on its way to your payout account")
    assert "$20.00 is still available to withdraw." in mail.text
