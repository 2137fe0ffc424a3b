"""``reviews.review.created`` by a buyer counts towards the seller's rating; a seller's review of a buyer does not."""

import uuid
from decimal import Decimal

import pytest

from common.events.inbox.models import InboxEntry
from users_service.profiles.errors import SellerNotYetCreated
from users_service.profiles.models import SellerProfile
from users_service.tests.conftest import review_created

pytestmark = pytest.mark.django_db


def bob() -> SellerProfile:
    return SellerProfile.objects.get(pk=1002)


def test_a_buyers_review_rates_the_seller(events, bob_seller):
    assert events.deliver(review_created(rating=4)) == [True]

    seller = bob()
    assert (seller.ratings_count, seller.rating_sum, seller.rating_average) == (1, 4, Decimal("4.00"))
    assert seller.rating_breakdown == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0}


def test_ratings_add_up_in_the_breakdown_and_the_average(events, bob_seller):
    for rating in (5, 5, 1, 3):
        events.deliver(review_created(rating=rating))

    seller = bob()
    assert (seller.ratings_count, seller.rating_average) == (4, Decimal("3.50"))
    assert seller.rating_breakdown == {"1": 1, "2": 0, "3": 1, "4": 0, "5": 2}


def test_a_sellers_review_of_a_buyer_changes_no_seller_rating(events, bob_seller):
    assert events.deliver(review_created(side="seller", rating=1, reviewee_id=1001)) == [True]

    assert (bob().ratings_count, bob().rating_sum) == (0, 0)


def test_the_same_event_delivered_twice_counts_once(events, bob_seller):
    event, event_id = review_created(rating=5), uuid.uuid4()

    events.deliver(event, event_id=event_id)
    assert events.deliver(event, event_id=event_id) == [False]

    assert (bob().ratings_count, bob().rating_5_count) == (1, 1)


def test_a_review_of_a_seller_not_here_yet_fails_so_that_it_is_retried(events):
    with pytest.raises(SellerNotYetCreated):
        events.deliver(review_created())

    assert InboxEntry.objects.count() == 0
