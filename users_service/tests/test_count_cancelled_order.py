"""``orders.order.cancelled``: one ongoing job fewer, one cancelled more, nothing earned."""

import uuid
from decimal import Decimal

import pytest

from common.events.catalog.orders import OrderCancelled, OrderPlaced
from common.events.inbox.models import InboxEntry
from users_service.profiles.errors import SellerNotYetCreated
from users_service.profiles.models import SellerProfile
from users_service.tests.conftest import order_event

pytestmark = pytest.mark.django_db


def cancelled() -> OrderCancelled:
    return order_event(
        OrderCancelled, status="cancelled", cancelled_by_id=1001, reason="Changed my mind", refunded=Decimal("44.20")
    )


def stats() -> tuple:
    seller = SellerProfile.objects.get(pk=1002)
    return seller.ongoing_jobs, seller.cancelled_jobs, seller.completed_jobs, seller.total_earnings


def test_a_cancelled_order_moves_from_ongoing_to_cancelled(events, bob_seller):
    events.deliver(order_event(OrderPlaced))

    assert events.deliver(cancelled()) == [True]

    assert stats() == (0, 1, 0, Decimal("0.00"))


def test_the_same_event_delivered_twice_counts_once(events, bob_seller):
    events.deliver(order_event(OrderPlaced))
    event, event_id = cancelled(), uuid.uuid4()

    events.deliver(event, event_id=event_id)
    assert events.deliver(event, event_id=event_id) == [False]

    assert stats() == (0, 1, 0, Decimal("0.00"))


def test_a_cancellation_for_a_seller_not_here_yet_fails_so_that_it_is_retried(events):
    with pytest.raises(SellerNotYetCreated):
        events.deliver(cancelled())

    assert InboxEntry.objects.count() == 0
