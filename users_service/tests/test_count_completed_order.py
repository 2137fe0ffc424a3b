"""``orders.order.completed``: one ongoing job fewer, one completed more, the earnings credited."""

import uuid
from decimal import Decimal

import pytest

from common.events.catalog.orders import OrderCompleted, OrderPlaced
from common.events.inbox.models import InboxEntry
from users_service.profiles.errors import SellerNotYetCreated
from users_service.profiles.models import SellerProfile
from users_service.tests.conftest import order_event

pytestmark = pytest.mark.django_db


def completed(price: str = "40.00", earnings: str = "32.00") -> OrderCompleted:
    return order_event(
        OrderCompleted,
        status="completed",
        price=Decimal(price),
        seller_earnings=Decimal(earnings),
        auto_completed=False,
    )


def stats() -> tuple:
    seller = SellerProfile.objects.get(pk=1002)
    return seller.ongoing_jobs, seller.completed_jobs, seller.total_earnings, seller.total_sales


def test_a_completed_order_moves_from_ongoing_to_completed_and_credits_the_earnings(events, bob_seller):
    events.deliver(order_event(OrderPlaced))

    assert events.deliver(completed()) == [True]

    assert stats() == (0, 1, Decimal("32.00"), Decimal("40.00"))


def test_earnings_add_up_exactly(events, bob_seller):
    for price, earnings in [("40.00", "32.00"), ("10.10", "8.08"), ("0.30", "0.24")]:
        events.deliver(order_event(OrderPlaced))
        events.deliver(completed(price, earnings))

    assert stats() == (0, 3, Decimal("40.32"), Decimal("50.40"))
    assert SellerProfile.objects.get(pk=1002).average_selling_price == Decimal("16.80")


def test_the_same_event_delivered_twice_counts_once(events, bob_seller):
    events.deliver(order_event(OrderPlaced))
    event, event_id = completed(), uuid.uuid4()

    events.deliver(event, event_id=event_id)
    assert events.deliver(event, event_id=event_id) == [False]

    assert stats() == (0, 1, Decimal("32.00"), Decimal("40.00"))


def test_a_completion_that_overtakes_the_placement_evens_out(events, bob_seller):
    events.deliver(completed())
    events.deliver(order_event(OrderPlaced))

    assert stats() == (0, 1, Decimal("32.00"), Decimal("40.00"))


def test_a_completion_for_a_seller_not_here_yet_fails_so_that_it_is_retried(events):
    with pytest.raises(SellerNotYetCreated):
        events.deliver(completed())

    assert InboxEntry.objects.count() == 0
