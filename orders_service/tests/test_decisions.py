"""The buyer approves (earnings credited) or asks for a revision; who may cancel alone, with a refund."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

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


def late(order: Order) -> Order:
    order.due_at = timezone.now() - timedelta(minutes=1)
    order.save(update_fields=["due_at"])
    return order


def test_the_seller_cancels_alone_an_order_not_yet_delivered_and_the_buyer_is_refunded(
    api_client_as, placed, events, personas
):
    response = post(api_client_as("bob"), f"{ORDERS}/{placed.pk}/cancel", {"reason": "Cannot make it"})

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["refunded"]) == ("cancelled", "126.60")
    [event] = events.published(OrderCancelled)
    assert (event.cancelled_by_id, event.reason, event.refunded, event.resolution) == (
        personas["bob"].user_id,
        "Cannot make it",
        Decimal("126.60"),
        "alone",
    )


def test_the_buyer_cancels_alone_a_late_order(api_client_as, placed, events, personas):
    late(placed)

    response = post(api_client_as("alice"), f"{ORDERS}/{placed.pk}/cancel", {"reason": "Too late"})

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    [event] = events.published(OrderCancelled)
    assert (event.cancelled_by_id, event.refunded) == (personas["alice"].user_id, Decimal("126.60"))


def test_the_buyer_cannot_cancel_alone_an_order_not_yet_due(api_client_as, order_in):
    order = order_in("in_progress")
    before = snapshot(order)

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/cancel", {"reason": "Changed my mind"})

    assert response.status_code == 409
    assert response.json()["code"] == "order_not_late"
    assert snapshot(order) == before


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_nobody_cancels_alone_a_delivered_order_even_a_late_one(api_client_as, order_in, who):
    order = late(order_in("delivered"))
    before = snapshot(order)

    response = post(api_client_as(who), f"{ORDERS}/{order.pk}/cancel", {"reason": "Not what I wanted"})

    assert response.status_code == 409
    assert response.json()["code"] == "cancellation_needs_agreement"
    assert snapshot(order) == before


def test_a_refund_the_provider_refuses_leaves_the_order_as_it_was(api_client_as, order_in):
    # A factory order's payment intent does not exist at localstripe, so the refund fails.
    order = order_in("in_progress")
    before = snapshot(order)

    response = post(api_client_as("bob"), f"{ORDERS}/{order.pk}/cancel", {"reason": "Cannot make it"})

    assert response.status_code == 502
    assert response.json()["code"] == "payment_provider_error"
    assert snapshot(order) == before


def test_a_reason_is_required_to_cancel(api_client_as, order_in):
    order = order_in("in_progress")

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/cancel", {})

    assert response.status_code == 400
    assert response.json()["fields"] == {"reason": ["This field is required."]}
    assert published_types() == []
