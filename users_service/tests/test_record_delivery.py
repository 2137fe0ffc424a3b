"""``orders.order.delivered`` moves the seller's ``recent_delivery_at`` forward, never back."""

import uuid
from datetime import UTC, datetime

import pytest

from common.events.catalog.orders import OrderDelivered
from common.events.inbox.models import InboxEntry
from users_service.profiles.errors import SellerNotYetCreated
from users_service.profiles.models import SellerProfile
from users_service.tests.conftest import order_event

pytestmark = pytest.mark.django_db

MARCH_20 = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
MARCH_25 = datetime(2026, 3, 25, 9, 0, tzinfo=UTC)


def delivered(at: datetime) -> OrderDelivered:
    return order_event(OrderDelivered, status="delivered", message="Here it is", occurred_at=at)


def recent_delivery_at() -> datetime | None:
    return SellerProfile.objects.get(pk=1002).recent_delivery_at


def test_the_first_delivery_is_the_most_recent(events, bob_seller):
    assert events.deliver(delivered(MARCH_20)) == [True]

    assert recent_delivery_at() == MARCH_20


def test_a_later_delivery_moves_it_forward(events, bob_seller):
    events.deliver(delivered(MARCH_20))
    events.deliver(delivered(MARCH_25))

    assert recent_delivery_at() == MARCH_25


def test_an_older_delivery_arriving_late_leaves_it_alone(events, bob_seller):
    events.deliver(delivered(MARCH_25))
    events.deliver(delivered(MARCH_20))

    assert recent_delivery_at() == MARCH_25


def test_the_same_event_delivered_twice_is_applied_once(events, bob_seller):
    event_id = uuid.uuid4()

    events.deliver(delivered(MARCH_20), event_id=event_id)
    assert events.deliver(delivered(MARCH_20), event_id=event_id) == [False]

    assert InboxEntry.objects.count() == 1


def test_a_delivery_of_a_seller_not_here_yet_fails_so_that_it_is_retried(events):
    with pytest.raises(SellerNotYetCreated):
        events.deliver(delivered(MARCH_20))

    assert InboxEntry.objects.count() == 0
