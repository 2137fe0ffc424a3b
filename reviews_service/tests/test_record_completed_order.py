"""``orders.order.completed``: the reviews service remembers the order so its parties may review it."""

import uuid

import pytest

from common.events.outbox.models import OutboxMessage
from reviews_service.reviews.models import CompletedOrder
from reviews_service.tests.conftest import COMPLETED_AT, ORDER_ID, order_completed

pytestmark = pytest.mark.django_db


def test_a_completed_order_is_recorded_with_its_parties_and_gig(events):
    applied = events.deliver(order_completed())

    assert applied == [True]
    order = CompletedOrder.objects.get()
    assert (order.order_id, order.gig_id, order.gig_title) == (ORDER_ID, 7, "A logo in a day")
    assert (order.buyer_id, order.buyer_username, order.seller_id, order.seller_username) == (
        1001,
        "alice",
        1002,
        "bob",
    )
    assert order.completed_at == COMPLETED_AT


def test_the_same_event_delivered_twice_is_applied_once(events):
    event_id = uuid.uuid4()

    first = events.deliver(order_completed(), event_id=event_id)
    second = events.deliver(order_completed(gig_title="Renamed"), event_id=event_id)

    assert (first, second) == ([True], [False])
    assert list(CompletedOrder.objects.values_list("gig_title", flat=True)) == ["A logo in a day"]


def test_the_order_announced_again_under_another_event_id_keeps_its_first_record(events):
    events.deliver(order_completed())

    applied = events.deliver(order_completed(gig_title="Renamed"))

    assert applied == [True]
    assert list(CompletedOrder.objects.values_list("gig_title", flat=True)) == ["A logo in a day"]


def test_each_completed_order_gets_its_own_record(events):
    other = uuid.uuid4()

    events.deliver(order_completed())
    events.deliver(order_completed(order_id=other, buyer_id=1004, buyer_username="mallory"))

    assert set(CompletedOrder.objects.values_list("order_id", "buyer_username")) == {
        (ORDER_ID, "alice"),
        (other, "mallory"),
    }


def test_recording_an_order_publishes_nothing(events):
    events.deliver(order_completed())

    assert OutboxMessage.objects.count() == 0
