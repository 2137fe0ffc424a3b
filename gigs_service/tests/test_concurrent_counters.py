"""Ratings and open orders arriving at the same time in several workers lose no update."""

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from common.events.base import Event
from gigs_service.gigs.models import Gig, Seller
from gigs_service.tests.factories import GigFactory, SellerFactory, order_placed, review_created

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gig() -> Gig:
    return GigFactory(seller=SellerFactory(user_id=1002, username="bob"))


def deliver_in_parallel(events, make: Callable[[int], Event], times: int) -> None:
    def deliver_one(n: int) -> None:
        try:
            events.deliver(make(n))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(deliver_one, range(times)))


def test_concurrent_reviews_all_count(events, gig):
    deliver_in_parallel(events, lambda n: review_created(gig, 1 + n % 5), 30)

    gig.refresh_from_db()
    assert (gig.ratings_count, gig.rating_total, gig.rating_breakdown) == (
        30,
        90,
        {"1": 6, "2": 6, "3": 6, "4": 6, "5": 6},
    )
    assert Seller.objects.get(pk=1002).ratings_count == 30


def test_concurrent_placements_all_count(events, gig):
    deliver_in_parallel(events, lambda n: order_placed(gig, uuid.uuid4()), 30)

    gig.refresh_from_db()
    assert gig.open_orders == 30
