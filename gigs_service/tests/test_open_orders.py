"""``orders.order.placed/completed/cancelled`` keep the gig's count of open orders."""

import uuid
from decimal import Decimal

import pytest

from gigs_service.gigs.models import Gig
from gigs_service.tests.factories import GigFactory, order_cancelled, order_completed, order_placed

pytestmark = pytest.mark.django_db


@pytest.fixture
def gig(bob) -> Gig:
    return GigFactory(seller=bob)


def open_orders(gig: Gig) -> int:
    gig.refresh_from_db()
    return gig.open_orders


def test_a_placed_order_is_counted_and_a_completed_or_cancelled_one_is_not(events, gig):
    first, second = uuid.uuid4(), uuid.uuid4()

    events.deliver(order_placed(gig, first))
    events.deliver(order_placed(gig, second))
    assert open_orders(gig) == 2

    events.deliver(order_completed(gig, first))
    events.deliver(order_cancelled(gig, second))
    assert open_orders(gig) == 0


def test_the_same_placement_under_two_event_ids_counts_once(events, gig):
    order = uuid.uuid4()

    events.deliver(order_placed(gig, order))
    events.deliver(order_placed(gig, order))

    assert open_orders(gig) == 1


def test_a_redelivered_event_is_applied_once(events, gig):
    event_id = uuid.uuid4()

    assert events.deliver(order_placed(gig, uuid.uuid4()), event_id=event_id) == [True]
    assert events.deliver(order_placed(gig, uuid.uuid4()), event_id=event_id) == [False]

    assert open_orders(gig) == 1


def test_a_cancellation_that_overtakes_its_placement_leaves_nothing_open(events, gig):
    order = uuid.uuid4()

    events.deliver(order_cancelled(gig, order))
    events.deliver(order_placed(gig, order))

    assert open_orders(gig) == 0


def test_the_count_never_goes_below_zero(events, gig):
    order = uuid.uuid4()
    events.deliver(order_placed(gig, order))
    Gig.objects.filter(pk=gig.pk).update(open_orders=0)

    events.deliver(order_completed(gig, order))
    events.deliver(order_cancelled(gig, order))

    assert open_orders(gig) == 0


def test_an_order_of_a_gig_this_service_does_not_know_changes_nothing(events, gig):
    ghost = Gig(pk=999999, seller=gig.seller, title="gone", price=Decimal("10.00"))

    assert events.deliver(order_placed(ghost, uuid.uuid4())) == [True]

    assert open_orders(gig) == 0


def test_open_orders_block_deletion_until_completed(events, api_client_as, gig):
    order = uuid.uuid4()
    events.deliver(order_placed(gig, order))
    client = api_client_as("bob")

    assert client.delete(f"/api/v1/gigs/{gig.pk}").status_code == 409
    events.deliver(order_completed(gig, order))
    assert client.delete(f"/api/v1/gigs/{gig.pk}").status_code == 204
