"""The buyer approves (earnings credited) or asks for a revision; either party cancels with a refund."""

from decimal import Decimal

import pytest

from common.events.catalog.orders import OrderCancelled, OrderCompleted, OrderRevisionRequested
from orders_service.orders.models import Order
from orders_service.tests.conftest import ORDERS, post, published_types, snapshot

pytestmark = pytest.mark.django_db


def test_approving_completes_the_order_and_credits_the_seller(api_client_as, order_in, events):
    order = order_in("delivered")

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/approve")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["seller_earnings"]) == ("completed", "96.00")
    [event] = events.published(OrderCompleted)
    assert (event.seller_earnings, event.auto_completed, event.status) == (Decimal("96.00"), False, "completed")


def test_the_platform_share_comes_from_settings(api_client_as, order_in, settings):
    settings.PLATFORM_SHARE_PERCENT = 15
    order = order_in("delivered")

    post(api_client_as("alice"), f"{ORDERS}/{order.pk}/approve")

    assert Order.objects.get().seller_earnings == Decimal("102.00")


def test_a_revision_sends_the_order_back_to_the_seller(api_client_as, order_in, events):
    order = order_in("delivered")

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/request-revision", {"message": "More orange"})

    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    assert response.json()["timeline"][-1]["message"] == "More orange"
    [event] = events.published(OrderRevisionRequested)
    assert (event.message, event.status) == ("More orange", "in_progress")


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_either_party_cancels_and_the_buyer_is_refunded(api_client_as, placed, events, who, personas):
    response = post(api_client_as(who), f"{ORDERS}/{placed.pk}/cancel", {"reason": "Cannot make it"})

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    [event] = events.published(OrderCancelled)
    assert (event.cancelled_by_id, event.reason, event.refunded) == (
        personas[who].user_id,
        "Cannot make it",
        Decimal("126.60"),
    )


def test_a_refund_the_provider_refuses_leaves_the_order_as_it_was(api_client_as, order_in):
    # A factory order's payment intent does not exist at localstripe, so the refund fails.
    order = order_in("in_progress")
    before = snapshot(order)

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/cancel", {"reason": "Changed my mind"})

    assert response.status_code == 502
    assert response.json()["code"] == "payment_provider_error"
    assert snapshot(order) == before


def test_a_reason_is_required_to_cancel(api_client_as, order_in):
    order = order_in("in_progress")

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/cancel", {})

    assert response.status_code == 400
    assert response.json()["fields"] == {"reason": ["This field is required."]}
    assert published_types() == []
