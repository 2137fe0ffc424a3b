"""Extensions: the seller asks for extra days, the buyer approves (due date moves) or rejects (stays)."""

from datetime import timedelta

import pytest

from common.events.catalog.orders import OrderExtensionApproved, OrderExtensionRejected, OrderExtensionRequested
from orders_service.orders.models import Extension, Order
from orders_service.tests.conftest import ORDERS, post, published_types

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(api_client_as, order_in) -> Order:
    order = order_in("in_progress")
    post(api_client_as("bob"), f"{ORDERS}/{order.pk}/extension", {"new_delivery_days": 3, "reason": "Busy week"})
    return order


def test_the_seller_requests_an_extension(requested, events):
    extension = Extension.objects.get()
    assert (extension.extra_days, extension.reason, extension.status) == (3, "Busy week", "pending")
    [event] = events.published(OrderExtensionRequested)
    assert (event.extra_days, event.reason) == (3, "Busy week")


def test_approving_moves_the_due_date(api_client_as, requested, events):
    response = post(api_client_as("alice"), f"{ORDERS}/{requested.pk}/extension/approve")

    assert response.status_code == 200
    assert Order.objects.get().due_at == requested.due_at + timedelta(days=3)
    assert response.json()["extensions"][0]["status"] == "approved"
    [event] = events.published(OrderExtensionApproved)
    assert (event.extra_days, event.due_at) == (3, requested.due_at + timedelta(days=3))


def test_rejecting_keeps_the_due_date(api_client_as, requested, events):
    response = post(api_client_as("alice"), f"{ORDERS}/{requested.pk}/extension/reject")

    assert response.status_code == 200
    assert Order.objects.get().due_at == requested.due_at
    assert Extension.objects.get().status == "rejected"
    assert [e.extra_days for e in events.published(OrderExtensionRejected)] == [3]


def test_after_a_decision_the_seller_may_ask_again(api_client_as, requested):
    post(api_client_as("alice"), f"{ORDERS}/{requested.pk}/extension/reject")

    response = post(api_client_as("bob"), f"{ORDERS}/{requested.pk}/extension", {"new_delivery_days": 1, "reason": "x"})

    assert response.status_code == 200
    assert Extension.objects.filter(status="pending").count() == 1


@pytest.mark.parametrize("days", [0, 366, "two"])
def test_extra_days_must_be_1_to_365(api_client_as, order_in, days):
    order = order_in("in_progress")

    response = post(api_client_as("bob"), f"{ORDERS}/{order.pk}/extension", {"new_delivery_days": days, "reason": "x"})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["new_delivery_days"]
    assert not Extension.objects.exists()
    assert published_types() == []
