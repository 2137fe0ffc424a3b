"""Staff resolve a dispute from the orders admin: refund in full, refund in part and complete, or complete."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission, User

from common.events.catalog.orders import OrderCancelled, OrderCompleted, OrderPartiallyRefunded
from orders_service.orders.models import Order
from orders_service.tests.conftest import ORDERS, post, snapshot

pytestmark = pytest.mark.django_db


def resolve(client, order, **form):
    return client.post(f"/admin/orders/order/{order.pk}/resolve/", form)


def refunds_at_provider(stripe_client, order):
    return [r.amount for r in stripe_client.v1.refunds.list(params={"payment_intent": order.payment.intent_id}).data]


def test_the_order_page_links_to_resolving_its_dispute(admin_client, order_in):
    order = order_in("delivered")

    page = admin_client.get(f"/admin/orders/order/{order.pk}/change/")
    form = admin_client.get(f"/admin/orders/order/{order.pk}/resolve/")

    assert b"Resolve dispute" in page.content
    assert form.status_code == 200
    assert b'name="outcome"' in form.content


def test_support_refunds_in_full_and_cancels(admin_client, placed, events, stripe_client):
    response = resolve(admin_client, placed, outcome="refund", note="The work was never started.")

    assert response.status_code == 302
    placed.refresh_from_db()
    assert (placed.status, placed.refunded) == ("cancelled", Decimal("126.60"))
    assert refunds_at_provider(stripe_client, placed) == [12660]
    [event] = events.published(OrderCancelled)
    assert (event.resolution, event.cancelled_by_id, event.reason) == ("support", 1001, "The work was never started.")
    entry = placed.timeline.last()
    assert (entry.kind, entry.actor_id, entry.actor_username) == ("cancelled", None, "Bazaar support")


def test_support_refunds_in_part_and_completes(admin_client, placed, events, stripe_client):
    response = resolve(admin_client, placed, outcome="partial_refund", amount="20.00", note="One logo was missing.")

    assert response.status_code == 302
    placed.refresh_from_db()
    assert (placed.status, placed.refunded, placed.seller_earnings) == ("completed", Decimal("20.00"), Decimal("80.00"))
    assert refunds_at_provider(stripe_client, placed) == [2000]
    [refund] = events.published(OrderPartiallyRefunded)
    assert (refund.amount, refund.resolution, refund.requested_by_id) == (Decimal("20.00"), "support", None)
    [completed] = events.published(OrderCompleted)
    assert (completed.by_support, completed.seller_earnings) == (True, Decimal("80.00"))
    assert [e.kind for e in placed.timeline.all()][-2:] == ["partially_refunded", "completed"]


def test_support_completes_and_closes_a_waiting_request(admin_client, api_client_as, order_in, events):
    order = order_in("delivered")
    post(api_client_as("alice"), f"{ORDERS}/{order.pk}/resolution", {"kind": "cancel", "reason": "Not mine"})

    resolve(admin_client, order, outcome="complete", note="The delivery matches the brief.")

    order.refresh_from_db()
    assert (order.status, order.seller_earnings, order.resolutions.get().status) == (
        "completed",
        Decimal("96.00"),
        "closed",
    )
    [event] = events.published(OrderCompleted)
    assert (event.by_support, event.auto_completed) == (True, False)
    assert order.timeline.last().message == "The delivery matches the brief."


@pytest.mark.parametrize("state", ["completed", "cancelled"])
def test_a_closed_order_cannot_be_resolved(admin_client, order_in, state):
    order = order_in(state)
    before = snapshot(order)

    response = resolve(admin_client, order, outcome="complete", note="Too late")

    assert response.status_code == 200
    assert b"cannot be resolved by support" in response.content
    assert snapshot(order) == before


def test_a_partial_refund_of_the_whole_price_is_refused(admin_client, order_in):
    order = order_in("delivered")
    before = snapshot(order)

    response = resolve(admin_client, order, outcome="partial_refund", amount="120.00", note="All of it")

    assert b"less than what is left of the price" in response.content
    assert snapshot(order) == before


def test_a_partial_refund_needs_its_amount(admin_client, order_in):
    response = resolve(admin_client, order_in("delivered"), outcome="partial_refund", note="Some")

    assert b"A partial refund needs its amount." in response.content
    assert Order.objects.get().status == "delivered"


def test_staff_without_the_permission_cannot_resolve(client, order_in):
    order = order_in("delivered")
    staff = User.objects.create_user("carol", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_order"))
    client.force_login(staff)

    response = resolve(client, order, outcome="complete", note="Mine")

    assert response.status_code == 403
    assert Order.objects.get().status == "delivered"
