"""``auth.user.deleted``: the account's orders and payments stay, amounts and all, under "Deleted user"."""

import uuid
from datetime import UTC, datetime

import pytest

from common.events.catalog.auth import UserDeleted
from orders_service.orders.models import Order, Payment, TimelineEntry
from orders_service.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db


def deletion_of_alice() -> UserDeleted:
    deleted_at = datetime(2030, 3, 14, 15, 9, tzinfo=UTC)
    return UserDeleted(user_id=1001, username="alice", email="alice@example.com", deleted_at=deleted_at)


def test_the_orders_keep_their_money_and_lose_the_name(events):
    order = OrderFactory()
    TimelineEntry.objects.create(order=order, kind="placed", actor_id=1001, actor_username="alice")
    TimelineEntry.objects.create(order=order, kind="delivered", actor_id=1002, actor_username="bob")

    assert events.deliver(deletion_of_alice()) == [True]

    assert list(Order.objects.values_list("buyer_username", "seller_username", "total")) == [
        ("Deleted user", "bob", order.total)
    ]
    assert list(Payment.objects.values_list("buyer_username", "seller_username")) == [("Deleted user", "bob")]
    assert list(TimelineEntry.objects.order_by("id").values_list("actor_username", flat=True)) == [
        "Deleted user",
        "bob",
    ]


def test_the_other_party_sees_deleted_user_on_the_order(api_client_as, events):
    order = OrderFactory()

    events.deliver(deletion_of_alice())

    body = api_client_as("bob").get(f"/api/v1/orders/{order.pk}").json()
    assert (body["buyer"]["username"], body["seller"]["username"]) == ("Deleted user", "bob")


def test_the_deletion_delivered_twice_is_applied_once(events):
    event_id = uuid.uuid4()

    assert events.deliver(deletion_of_alice(), event_id=event_id) == [True]
    assert events.deliver(deletion_of_alice(), event_id=event_id) == [False]
