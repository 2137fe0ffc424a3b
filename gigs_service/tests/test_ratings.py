"""``reviews.review.created`` (buyer side) adds the rating to the gig and to its seller's replica."""

import uuid
from decimal import Decimal

import pytest

from gigs_service.gigs.models import Gig, Seller
from gigs_service.tests.factories import GigFactory, review_created

pytestmark = pytest.mark.django_db


@pytest.fixture
def gig(bob) -> Gig:
    return GigFactory(seller=bob)


def test_buyer_ratings_update_the_gigs_count_average_and_breakdown(events, gig):
    for rating in (5, 4, 4):
        events.deliver(review_created(gig, rating))

    gig.refresh_from_db()
    assert (gig.ratings_count, gig.rating_total, gig.rating_average) == (3, 13, Decimal("4.33"))
    assert gig.rating_breakdown == {"4": 2, "5": 1}


def test_buyer_ratings_update_the_sellers_replica(events, gig, bob):
    events.deliver(review_created(gig, 5))
    events.deliver(review_created(GigFactory(seller=bob), 2))

    bob.refresh_from_db()
    assert (bob.ratings_count, bob.rating_total, bob.rating_average) == (2, 7, Decimal("3.50"))


def test_the_gig_json_shows_the_new_rating(events, api_client, gig):
    events.deliver(review_created(gig, 3))

    body = api_client.get(f"/api/v1/gigs/{gig.pk}").json()

    assert (body["rating_average"], body["ratings_count"], body["rating_breakdown"]["3"]) == ("3.00", 1, 1)
    assert (body["seller"]["rating_average"], body["seller"]["ratings_count"]) == ("3.00", 1)


def test_a_sellers_review_of_the_buyer_changes_no_rating(events, gig, bob):
    assert events.deliver(review_created(gig, 1, side="seller")) == [True]

    gig.refresh_from_db()
    bob.refresh_from_db()
    assert (gig.ratings_count, bob.ratings_count) == (0, 0)


def test_a_redelivered_review_counts_once(events, gig):
    event_id = uuid.uuid4()
    event = review_created(gig, 5)

    assert events.deliver(event, event_id=event_id) == [True]
    assert events.deliver(event, event_id=event_id) == [False]

    assert Gig.objects.get().ratings_count == 1


def test_a_review_of_a_deleted_gig_still_counts_for_the_seller(events, gig):
    event = review_created(gig, 4)
    gig.delete()

    events.deliver(event)

    assert Seller.objects.get(user_id=1002).ratings_count == 1


def test_a_new_rating_keeps_search_in_step(events, gig, monkeypatch):
    from gigs_service.gigs import search

    changed = []
    monkeypatch.setattr(search, "gig_changed", lambda g: changed.append(g.pk))

    events.deliver(review_created(gig, 5))

    assert changed == [gig.pk]
