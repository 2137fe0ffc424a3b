"""``gigs.gig.created`` counts one more gig for its seller, once per event, even concurrently."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from common.events.inbox.models import InboxEntry
from users_service.profiles.errors import SellerNotYetCreated
from users_service.profiles.models import SellerProfile
from users_service.tests.conftest import gig_created
from users_service.tests.factories import SellerProfileFactory


def total_gigs(seller_id: int = 1002) -> int:
    return SellerProfile.objects.get(pk=seller_id).total_gigs


@pytest.mark.django_db
def test_a_created_gig_is_counted(events, bob_seller):
    assert events.deliver(gig_created()) == [True]

    assert total_gigs() == 1


@pytest.mark.django_db
def test_only_the_gigs_seller_is_counted(events, bob_seller):
    other = SellerProfileFactory()

    events.deliver(gig_created())

    assert total_gigs(other.pk) == 0


@pytest.mark.django_db
def test_the_same_event_delivered_twice_counts_once(events, bob_seller):
    event_id = uuid.uuid4()

    assert events.deliver(gig_created(), event_id=event_id) == [True]
    assert events.deliver(gig_created(), event_id=event_id) == [False]

    assert total_gigs() == 1


@pytest.mark.django_db
def test_a_gig_of_a_seller_not_here_yet_fails_so_that_it_is_retried(events):
    with pytest.raises(SellerNotYetCreated):
        events.deliver(gig_created())

    assert InboxEntry.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_events_lose_no_increment(events, bob_seller):
    def deliver_one(_: int) -> None:
        try:
            events.deliver(gig_created(gig_id=_))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(deliver_one, range(40)))

    assert total_gigs() == 40
    assert InboxEntry.objects.count() == 40
