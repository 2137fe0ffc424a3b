"""``auth.user.deleted``: the seller's gigs go as if deleted, the account's favourites go, the seller summary loses its name."""

import uuid
from datetime import UTC, datetime

import pytest

from common.events.catalog.auth import UserDeleted
from common.events.catalog.gigs import GigDeleted
from gigs_service.gigs.models import Gig, SavedGig, Seller
from gigs_service.tests.factories import GigFactory, order_placed

pytestmark = pytest.mark.django_db

DELETED_AT = datetime(2030, 3, 14, 15, 9, tzinfo=UTC)


def deletion_of(user_id: int, username: str) -> UserDeleted:
    return UserDeleted(user_id=user_id, username=username, email=f"{username}@example.com", deleted_at=DELETED_AT)


def test_the_sellers_gigs_are_deleted_and_announced(events, bob, charlie):
    first, second, others = GigFactory(seller=bob), GigFactory(seller=bob), GigFactory(seller=charlie)

    assert events.deliver(deletion_of(1002, "bob")) == [True]

    assert list(Gig.objects.values_list("pk", flat=True)) == [others.pk]
    assert sorted((event.gig_id, event.seller_id) for event in events.published(GigDeleted)) == [
        (first.pk, 1002),
        (second.pk, 1002),
    ]


def test_the_seller_summary_stays_without_a_name(events, bob):
    events.deliver(deletion_of(1002, "bob"))

    assert list(
        Seller.objects.values_list("user_id", "username", "full_name", "one_liner", "country", "changed_at")
    ) == [(1002, "Deleted user", "", "", "", DELETED_AT)]


def test_the_accounts_favourites_go_and_others_stay(events, bob, charlie):
    gig = GigFactory(seller=charlie)
    SavedGig.objects.create(user_id=1002, gig=gig)
    SavedGig.objects.create(user_id=1001, gig=gig)

    events.deliver(deletion_of(1002, "bob"))

    assert list(SavedGig.objects.values_list("user_id", flat=True)) == [1001]


def test_a_gig_with_an_order_still_counted_open_goes_too(events, bob):
    gig = GigFactory(seller=bob)
    events.deliver(order_placed(gig, uuid.uuid4()))

    events.deliver(deletion_of(1002, "bob"))

    assert Gig.objects.count() == 0


def test_the_deletion_delivered_twice_is_applied_once(events, bob):
    GigFactory(seller=bob)
    event_id = uuid.uuid4()

    assert events.deliver(deletion_of(1002, "bob"), event_id=event_id) == [True]
    assert events.deliver(deletion_of(1002, "bob"), event_id=event_id) == [False]

    assert len(events.published(GigDeleted)) == 1
