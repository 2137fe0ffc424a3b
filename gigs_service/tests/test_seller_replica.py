"""``users.seller.created`` / ``users.seller.updated`` keep the seller's summary that every gig shows."""

import uuid
from datetime import timedelta

import pytest

from common.events.inbox.models import InboxEntry
from gigs_service.gigs.models import Seller
from gigs_service.tests.factories import PROFILE_CHANGED_AT, seller_created, seller_updated

pytestmark = pytest.mark.django_db

LATER = PROFILE_CHANGED_AT + timedelta(minutes=5)


def summary() -> list[tuple]:
    return list(Seller.objects.values_list("user_id", "username", "full_name", "one_liner", "country", "changed_at"))


def test_a_new_seller_gets_a_replica(events):
    assert events.deliver(seller_created()) == [True]

    assert summary() == [(1002, "bob", "Bob Builder", "I build logos", "Peru", PROFILE_CHANGED_AT)]


def test_an_update_refreshes_the_replica(events):
    events.deliver(seller_created())

    events.deliver(seller_updated(full_name="Robert Builder", country="Chile", changed_at=LATER))

    assert summary() == [(1002, "bob", "Robert Builder", "I build logos", "Chile", LATER)]


def test_an_update_that_overtakes_the_creation_creates_the_replica_and_the_late_creation_changes_nothing(events):
    events.deliver(seller_updated(full_name="Robert Builder", changed_at=LATER))

    events.deliver(seller_created())

    assert summary() == [(1002, "bob", "Robert Builder", "I build logos", "Peru", LATER)]


def test_an_older_update_changes_nothing(events):
    events.deliver(seller_updated(changed_at=LATER))

    events.deliver(seller_updated(full_name="Stale Name", changed_at=PROFILE_CHANGED_AT))

    assert summary()[0][2] == "Bob Builder"


def test_the_same_event_delivered_twice_is_applied_once(events):
    event_id = uuid.uuid4()

    assert events.deliver(seller_created(), event_id=event_id) == [True]
    assert events.deliver(seller_created(), event_id=event_id) == [False]

    assert Seller.objects.count() == 1
    assert InboxEntry.objects.filter(event_id=event_id).count() == 1


def test_a_replica_made_just_now_lets_the_seller_create_a_gig(events, api_client_as):
    events.deliver(seller_created(user_id=1001, username="alice"))

    response = api_client_as("alice").post(
        "/api/v1/gigs",
        {"title": "t", "description": "d", "category": "Data", "price": "5.00", "expected_delivery_days": 1},
        format="json",
    )

    assert response.status_code == 201
