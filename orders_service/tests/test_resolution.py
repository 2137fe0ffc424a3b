"""Resolution: one party asks to cancel or to agree a partial refund, the other accepts or declines.

Refunds go to a real localstripe; silence past the deadline accepts (beat).
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from common.events.catalog.orders import (
    OrderCancelled,
    OrderCompleted,
    OrderPartiallyRefunded,
    OrderResolutionDeclined,
    OrderResolutionRequested,
)
from orders_service.orders.models import Order, ResolutionRequest
from orders_service.orders.tasks import auto_complete_delivered, expire_resolution_requests
from orders_service.tests.conftest import ORDERS, post, published_types, snapshot

pytestmark = pytest.mark.django_db

CANCEL = {"kind": "cancel", "reason": "The brief changed"}
PARTIAL = {"kind": "partial_refund", "amount": "30.00", "reason": "Only two of the three logos"}


def ask(client, order, body):
    return post(client, f"{ORDERS}/{order.pk}/resolution", body)


def refunds_at_provider(stripe_client, order):
    return [r.amount for r in stripe_client.v1.refunds.list(params={"payment_intent": order.payment.intent_id}).data]


def deliver(order):
    Order.objects.filter(pk=order.pk).update(status="delivered", delivered_at=timezone.now())


def test_a_request_waits_for_the_other_party_with_a_deadline(api_client_as, placed, events, personas, settings):
    settings.ORDER_RESOLUTION_RESPONSE_HOURS = 24

    response = ask(api_client_as("alice"), placed, CANCEL)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "in_progress"
    [request] = body["resolutions"]
    assert (request["kind"], request["amount"], request["status"], request["requested_by_username"]) == (
        "cancel",
        "126.60",
        "pending",
        "alice",
    )
    [event] = events.published(OrderResolutionRequested)
    assert (event.kind, event.amount, event.requested_by_id) == ("cancel", Decimal("126.60"), personas["alice"].user_id)
    assert event.expires_at - event.occurred_at == timedelta(hours=24)
    assert body["timeline"][-1]["kind"] == "resolution_requested"


def test_the_other_party_accepts_a_cancellation_and_the_buyer_gets_everything_back(
    api_client_as, placed, events, personas, stripe_client
):
    deliver(placed)
    ask(api_client_as("alice"), placed, CANCEL)

    response = post(api_client_as("bob"), f"{ORDERS}/{placed.pk}/resolution/accept")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["refunded"], body["resolutions"][0]["status"]) == ("cancelled", "126.60", "accepted")
    assert refunds_at_provider(stripe_client, placed) == [12660]
    [event] = events.published(OrderCancelled)
    assert (event.cancelled_by_id, event.reason, event.refunded, event.resolution) == (
        personas["alice"].user_id,
        "The brief changed",
        Decimal("126.60"),
        "agreed",
    )
    assert [(e["kind"], e["actor_username"]) for e in body["timeline"][-2:]] == [
        ("resolution_requested", "alice"),
        ("cancelled", "bob"),
    ]


def test_a_declined_request_leaves_the_order_as_it_was(api_client_as, placed, events):
    ask(api_client_as("bob"), placed, CANCEL)

    response = post(api_client_as("alice"), f"{ORDERS}/{placed.pk}/resolution/decline", {"answer": "Please finish"})

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["refunded"]) == ("in_progress", "0.00")
    assert response.json()["resolutions"][0]["answer"] == "Please finish"
    [event] = events.published(OrderResolutionDeclined)
    assert (event.kind, event.answer) == ("cancel", "Please finish")
    assert ask(api_client_as("bob"), placed, CANCEL).status_code == 200


def test_an_agreed_partial_refund_is_paid_back_and_the_order_goes_on(api_client_as, placed, events, stripe_client):
    ask(api_client_as("alice"), placed, PARTIAL)

    response = post(api_client_as("bob"), f"{ORDERS}/{placed.pk}/resolution/accept")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["refunded"]) == ("in_progress", "30.00")
    assert refunds_at_provider(stripe_client, placed) == [3000]
    [event] = events.published(OrderPartiallyRefunded)
    assert (event.amount, event.refunded, event.resolution) == (Decimal("30.00"), Decimal("30.00"), "agreed")


def test_the_seller_is_credited_on_the_price_less_the_partial_refund(api_client_as, placed, events):
    ask(api_client_as("alice"), placed, PARTIAL)
    post(api_client_as("bob"), f"{ORDERS}/{placed.pk}/resolution/accept")
    deliver(placed)

    response = post(api_client_as("alice"), f"{ORDERS}/{placed.pk}/approve")

    assert response.json()["seller_earnings"] == "72.00"
    [event] = events.published(OrderCompleted)
    assert event.seller_earnings == Decimal("72.00")


def test_cancelling_after_a_partial_refund_gives_back_the_rest(api_client_as, placed, events, stripe_client):
    ask(api_client_as("alice"), placed, PARTIAL)
    post(api_client_as("bob"), f"{ORDERS}/{placed.pk}/resolution/accept")

    response = post(api_client_as("bob"), f"{ORDERS}/{placed.pk}/cancel", {"reason": "Cannot finish"})

    assert response.json()["refunded"] == "126.60"
    assert sorted(refunds_at_provider(stripe_client, placed)) == [3000, 9660]
    [event] = events.published(OrderCancelled)
    assert event.refunded == Decimal("96.60")


def test_nobody_answers_their_own_request(api_client_as, order_in):
    order = order_in("in_progress")
    ask(api_client_as("alice"), order, CANCEL)
    before = snapshot(order)

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/resolution/accept")

    assert response.status_code == 403
    assert response.json()["code"] == "own_resolution_request"
    assert snapshot(order) == before


def test_one_request_waits_at_a_time(api_client_as, order_in):
    order = order_in("in_progress")
    ask(api_client_as("alice"), order, CANCEL)
    before = snapshot(order)

    response = ask(api_client_as("bob"), order, PARTIAL)

    assert response.status_code == 409
    assert response.json()["code"] == "resolution_pending"
    assert snapshot(order) == before


@pytest.mark.parametrize("decision", ["accept", "decline"])
def test_answering_without_a_pending_request_is_a_409(api_client_as, order_in, decision):
    order = order_in("in_progress")

    response = post(api_client_as("bob"), f"{ORDERS}/{order.pk}/resolution/{decision}")

    assert response.status_code == 409
    assert response.json()["code"] == "no_pending_resolution"


@pytest.mark.parametrize("amount", ["120.00", "150.00"])
def test_a_partial_refund_is_less_than_the_price(api_client_as, order_in, amount):
    order = order_in("in_progress")

    response = ask(api_client_as("alice"), order, {**PARTIAL, "amount": amount})

    assert response.status_code == 400
    assert response.json()["code"] == "refund_too_large"
    assert list(response.json()["fields"]) == ["amount"]
    assert published_types() == []


def test_a_partial_refund_needs_its_amount(api_client_as, order_in):
    response = ask(api_client_as("alice"), order_in("in_progress"), {"kind": "partial_refund", "reason": "Less"})

    assert response.status_code == 400
    assert response.json()["fields"] == {"amount": ["A partial refund needs its amount."]}


def test_a_refund_the_provider_refuses_on_accept_changes_nothing(api_client_as, order_in):
    # A factory order's payment intent does not exist at localstripe, so the refund fails.
    order = order_in("delivered")
    ask(api_client_as("alice"), order, CANCEL)
    before = snapshot(order)

    response = post(api_client_as("bob"), f"{ORDERS}/{order.pk}/resolution/accept")

    assert response.status_code == 502
    assert snapshot(order) == before


def test_silence_past_the_deadline_accepts_the_request(api_client_as, placed, events, stripe_client):
    ask(api_client_as("bob"), placed, CANCEL)
    ResolutionRequest.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert expire_resolution_requests() == 1

    placed.refresh_from_db()
    assert (placed.status, placed.resolutions.get().status) == ("cancelled", "expired")
    assert refunds_at_provider(stripe_client, placed) == [12660]
    [event] = events.published(OrderCancelled)
    assert event.resolution == "expired"
    assert placed.timeline.last().actor_id is None


def test_a_request_within_its_deadline_waits(api_client_as, order_in, events):
    order = order_in("in_progress")
    ask(api_client_as("bob"), order, CANCEL)

    assert expire_resolution_requests() == 0
    assert order.resolutions.get().status == "pending"


def test_a_pending_request_holds_back_auto_completion(api_client_as, order_in):
    order = order_in("delivered")
    Order.objects.filter(pk=order.pk).update(delivered_at=timezone.now() - timedelta(days=10))
    ask(api_client_as("alice"), order, CANCEL)

    assert auto_complete_delivered() == 0
    assert Order.objects.get().status == "delivered"


def test_an_order_that_ends_otherwise_closes_its_pending_request(api_client_as, order_in):
    order = order_in("delivered")
    ask(api_client_as("bob"), order, PARTIAL)

    post(api_client_as("alice"), f"{ORDERS}/{order.pk}/approve")

    assert order.resolutions.get().status == "closed"
