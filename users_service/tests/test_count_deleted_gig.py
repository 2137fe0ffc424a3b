"""``gigs.gig.deleted`` counts one gig fewer for its seller, once per event."""

import uuid
from datetime import UTC, datetime

import pytest

from common.events.catalog.gigs import GigDeleted
from common.events.inbox.models import InboxEntry
from users_service.profiles.errors import SellerNotYetCreated
from users_service.profiles.models import SellerProfile
from users_service.tests.conftest import gig_created

pytestmark = pytest.mark.django_db


def gig_deleted(seller_id: int = 1002) -> GigDeleted:
    return GigDeleted(gig_id=7, seller_id=seller_id, deleted_at=datetime(2026, 3, 12, tzinfo=UTC))


def total_gigs() -> int:
    return SellerProfile.objects.get(pk=1002).total_gigs


def test_a_deleted_gig_is_no_longer_counted(events, bob_seller):
    events.deliver(gig_created(gig_id=7))
    events.deliver(gig_created(gig_id=8))

    assert events.deliver(gig_deleted()) == [True]

    assert total_gigs() == 1


def test_the_same_event_delivered_twice_counts_once(events, bob_seller):
    events.deliver(gig_created(gig_id=7))
    events.deliver(gig_created(gig_id=8))
    event_id = uuid.uuid4()

    events.deliver(gig_deleted(), event_id=event_id)
    assert events.deliver(gig_deleted(), event_id=event_id) == [False]

    assert total_gigs() == 1


def test_a_deletion_that_overtakes_the_creation_evens_out(events, bob_seller):
    events.deliver(gig_deleted())
    events.deliver(gig_created())

    assert total_gigs() == 0


def test_a_deletion_for_a_seller_not_here_yet_fails_so_that_it_is_retried(events):
    with pytest.raises(SellerNotYetCreated):
        events.deliver(gig_deleted())

    assert InboxEntry.objects.count() == 0
