"""Money through the gateway and the fleet's localstripe: a cancelled order is refunded at the
provider, a partial refund and a cancellation agreed by both are paid back there, and neither a
replayed payment nor a replayed webhook places a second order.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
import stripe

from tests.e2e.conftest import STRIPE_API_BASE
from tests.e2e.marketplace import SELLERS, make_seller
from tests.e2e.orders import (
    ORDERS,
    act,
    confirm_card_payment,
    open_payment,
    pay,
    place,
    post_webhook,
    provider,
    settled,
    signed,
    succeeded_event,
    webhooks_delivered,
    webhooks_refused,
)
from tests.e2e.realtime_clients import Frames

pytestmark = pytest.mark.e2e


def test_the_fleet_runs_its_own_localstripe_on_the_e2e_offset_with_the_gateways_webhook(fleet):
    webhook = f"{fleet.gateway_url}/api/v1/orders/webhooks/stripe"
    with fleet.client() as client:
        config = client.get(f"{ORDERS}/payment-config")

    assert config.json() == {
        "provider": "stripe",
        "publishable_key": "pk_test_bazaar_local",
        "api_base": STRIPE_API_BASE,
        "test_card": True,  # payments go to localstripe: the web checkout may confirm with its test card
    }
    said = [line.split("|", 1)[1].strip() for line in fleet.output if line.startswith(("fleet ", "localstripe "))]
    assert f"localstripe (a local fake Stripe) on {STRIPE_API_BASE} takes every payment" in said
    assert f"{STRIPE_API_BASE} sends payment events to {webhook}" in said


def test_a_cancelled_order_is_refunded_in_full_at_the_provider_once_and_both_parties_hear_of_it(
    fleet, mailbox, members, realtime
):
    seller = make_seller(fleet, mailbox, "potter", title="I will throw a set of six mugs", price="120.00")
    potter, gig = seller.member, seller.gig
    buyer = members("buyer")
    buyers_socket, potters_socket = realtime(buyer), realtime(potter)
    payments = provider(buyer.browser)
    intent = pay(buyer, payments, gig_id=gig["id"])
    assert (intent["price"], intent["service_fee"], intent["total"]) == ("120.00", "6.60", "126.60")
    placed = place(buyer, intent["payment_intent_id"])
    assert placed.status_code == 201, placed.text
    order = placed.json()

    too_early = act(buyer, order, "cancel", reason="I found mugs at my aunt's.")
    cancelled = act(potter, order, "cancel", reason="My kiln broke.")
    again = act(buyer, order, "cancel", reason="Twice?")
    late_delivery = act(potter, order, "deliver", message="Too late")

    # Alone, a buyer cancels only a late order; a seller, one not yet delivered.
    assert (too_early.status_code, too_early.json()["code"]) == (409, "order_not_late")
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled"), cancelled.text
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")
    assert (late_delivery.status_code, late_delivery.json()["code"]) == (409, "invalid_transition")
    refunds = payments.client.v1.refunds.list(params={"payment_intent": intent["payment_intent_id"]}).data
    assert [(refund.amount, refund.status) for refund in refunds] == [(12660, "succeeded")]
    assert [e["kind"] for e in cancelled.json()["timeline"]] == ["placed", "cancelled"]
    for socket in (buyers_socket, potters_socket):
        assert socket.receive("order.updated", order_id=order["id"], event="cancelled")["status"] == "cancelled"
    receipt = mailbox.wait_for_subject(buyer.email, f"Your order for {gig['title']} was cancelled")
    assert "You are refunded the full $126.60 you paid, to the payment method you used." in receipt.text
    mailbox.wait_for_subject(potter.email, f"The order for {gig['title']} was cancelled")
    profile = settled(lambda: buyer.browser.get(f"{SELLERS}/{potter.username}"), lambda p: p["cancelled_jobs"] == 1)
    assert (profile["ongoing_jobs"], profile["completed_jobs"], Decimal(profile["total_earnings"])) == (0, 0, 0)


def test_one_payment_places_one_order_whether_placing_or_the_providers_webhook_is_replayed(fleet, seller, members):
    buyer = members("buyer")
    payments = provider(buyer.browser)
    delivered = webhooks_delivered(fleet.output, "payment_intent.succeeded")
    intent = pay(buyer, payments, gig_id=seller.gig["id"])
    # The provider's own webhook went through the gateway and its signature verified at orders.
    assert (
        webhooks_delivered(fleet.output, "payment_intent.succeeded", timeout=10, at_least=delivered + 1)
        == delivered + 1
    )
    webhook = signed(succeeded_event(payments, intent["payment_intent_id"]))
    with fleet.client() as provider_side:
        before = post_webhook(provider_side, webhook)  # as if localstripe had sent it twice

        # Two tabs place the order at the same moment, then the webhook comes again.
        with ThreadPoolExecutor(2) as tabs:
            answers = list(tabs.map(lambda _: place(buyer, intent["payment_intent_id"]), range(2)))
        after = post_webhook(provider_side, webhook)
        forged = post_webhook(
            provider_side, signed(succeeded_event(payments, intent["payment_intent_id"]), "whsec_forged")
        )

    assert (before.status_code, after.status_code) == (200, 200)
    assert sorted(answer.status_code for answer in answers) == [201, 409]
    refused = next(answer for answer in answers if answer.status_code == 409)
    assert refused.json()["code"] == "payment_already_used"
    assert (forged.status_code, forged.json()["code"]) == (400, "invalid_webhook")
    mine = buyer.browser.get(ORDERS, params={"role": "buyer"}).json()
    assert mine["count"] == 1
    replayed = place(buyer, intent["payment_intent_id"])
    assert (replayed.status_code, replayed.json()["code"]) == (409, "payment_already_used")


@pytest.mark.parametrize("card", [None, "pm_card_chargeCustomerFail"], ids=["not-confirmed", "declined"])
def test_a_payment_that_did_not_succeed_places_no_order(fleet, seller, members, card):
    buyer = members("buyer")
    payments = provider(buyer.browser)
    failed = webhooks_delivered(fleet.output, "payment_intent.payment_failed")
    intent = open_payment(buyer, gig_id=seller.gig["id"])
    assert intent.status_code == 201, intent.text
    if card is not None:
        with pytest.raises(stripe.CardError):
            confirm_card_payment(payments, intent.json()["payment_intent_id"], card=card)
        # The failure's webhook is taken too (and changes nothing).
        assert (
            webhooks_delivered(fleet.output, "payment_intent.payment_failed", timeout=10, at_least=failed + 1)
            == failed + 1
        )

    refused = place(buyer, intent.json()["payment_intent_id"])

    assert (refused.status_code, refused.json()["code"]) == (409, "payment_not_succeeded")
    assert buyer.browser.get(ORDERS).json()["count"] == 0
    assert webhooks_refused(fleet.output) == []


def test_a_partial_refund_and_then_a_cancellation_are_agreed_by_both_and_paid_back_at_the_provider(
    fleet, mailbox, members, realtime
):
    seller = make_seller(fleet, mailbox, "weaver", title="I will weave a rug of your design", price="120.00")
    weaver, gig = seller.member, seller.gig
    buyer = members("buyer")
    weavers_socket = realtime(weaver)
    payments = provider(buyer.browser)
    intent = pay(buyer, payments, gig_id=gig["id"])
    order = place(buyer, intent["payment_intent_id"]).json()

    # The buyer asks for part of the price back; the seller hears of it and agrees.
    asked = act(buyer, order, "resolution", kind="partial_refund", amount="20.00", reason="One colour, not two.")
    assert asked.status_code == 200, asked.text
    assert update_status(weavers_socket, order, "resolution_requested") == "in_progress"
    request_mail = mailbox.wait_for_subject(
        weaver.email, f"{buyer.username} asks you to refund $20.00 for {gig['title']}"
    )
    assert "left unanswered, the request is accepted then" in request_mail.text
    refunded = act(weaver, order, "resolution/accept")
    assert (refunded.status_code, refunded.json()["status"], refunded.json()["refunded"]) == (
        200,
        "in_progress",
        "20.00",
    )
    mailbox.wait_for_subject(buyer.email, f"$20.00 of your order for {gig['title']} is refunded")

    # Delivered, the order is no longer the buyer's alone to cancel: asked, declined, asked again, agreed.
    act(weaver, order, "deliver", message="The rug, in one colour.")
    alone = act(buyer, order, "cancel", reason="Not what I pictured.")
    act(buyer, order, "resolution", kind="cancel", reason="Not what I pictured.")
    declined = act(weaver, order, "resolution/decline", answer="It matches the design.")
    mailbox.wait_for_subject(buyer.email, f"{weaver.username} declined your request for {gig['title']}")
    act(buyer, order, "resolution", kind="cancel", reason="The size is wrong too.")
    cancelled = act(weaver, order, "resolution/accept")

    assert (alone.status_code, alone.json()["code"]) == (409, "cancellation_needs_agreement")
    assert declined.json()["status"] == "delivered"
    body = cancelled.json()
    assert (body["status"], body["refunded"]) == ("cancelled", "126.60")
    assert [(r["kind"], r["status"]) for r in body["resolutions"]] == [
        ("partial_refund", "accepted"),
        ("cancel", "declined"),
        ("cancel", "accepted"),
    ]
    refunds = payments.client.v1.refunds.list(params={"payment_intent": intent["payment_intent_id"]}).data
    assert sorted((refund.amount, refund.status) for refund in refunds) == [(2000, "succeeded"), (10660, "succeeded")]
    receipt = mailbox.wait_for_subject(buyer.email, f"Your order for {gig['title']} was cancelled")
    assert "as you both agreed" in receipt.text
    assert "You are refunded $106.60 of the $126.60 you paid" in receipt.text
    profile = settled(lambda: buyer.browser.get(f"{SELLERS}/{weaver.username}"), lambda p: p["cancelled_jobs"] == 1)
    assert Decimal(profile["total_earnings"]) == 0


def update_status(socket: Frames, order: dict[str, Any], event: str) -> str:
    """The status an ``order.updated`` frame of ``event`` gives for ``order``."""
    return str(socket.receive("order.updated", order_id=order["id"], event=event)["status"])
