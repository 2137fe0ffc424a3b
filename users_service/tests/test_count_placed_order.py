"""``orders.order.placed`` counts one more ongoing job for the seller, once per event."""

import uuid

import pytest

from common.events.catalog.orders import OrderPlaced
from common.events.inbox.models import InboxEntry
from users_service.profiles.errors import SellerNotYetCreated
from users_service.profiles.models import SellerProfile
from users_service.tests.conftest import order_event

pytestmark = pytest.mark.django_db


def test_a_placed_order_is_an_ongoing_job(events, bob_seller):
    assert events.deliver(order_event(OrderPlaced)) == [True]

    seller = SellerProfile.objects.get(pk=1002)
    assert (seller.ongoing_jobs, seller.completed_jobs, seller.cancelled_jobs) == (1, 0, 0)


def test_the_same_event_delivered_twice_counts_once(events, bob_seller):
    event, event_id = order_event(OrderPlaced), uuid.uuid4()

    events.deliver(event, event_id=event_id)
    assert events.deliver(event, event_id=event_id) == [False]

    assert SellerProfile.objects.get(pk=1002).ongoing_jobs == 1


def test_an_order_of_a_seller_not_here_yet_fails_so_that_it_is_retried(events, bob_seller):
    with pytest.raises(SellerNotYetCreated):
        events.deliver(order_event(OrderPlaced, seller_id=1003))

    assert InboxEntry.objects.count() == 0
    assert SellerProfile.objects.get(pk=1002).ongoing_jobs == 0
