"""``gigs.gig.created/updated/deleted`` keep chat's replica of gigs (what offers are checked against)."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from chat_service.chat.models import Gig
from common.events.catalog.gigs import GigCreatedV2, GigDeleted, GigUpdatedV2, PackageState
from common.events.inbox.models import InboxEntry

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def state(event_class=GigUpdatedV2, *, at=T0, **changes):
    fields = {
        "gig_id": 501,
        "seller_id": 1002,
        "seller_username": "bob",
        "title": "Logo design",
        "category": "Design",
        "price": Decimal("50.00"),
        "expected_delivery_days": 3,
        "active": True,
        "cover_image_url": "https://bazaar.test/media/gigs/a.png",
        "changed_at": at,
        "packages": [
            PackageState(
                tier="basic", title="", description="", price=Decimal("50.00"), delivery_days=3, revisions=None
            )
        ],
    }
    return event_class(**{**fields, **changes})


def replica() -> list[tuple]:
    return list(Gig.objects.values_list("gig_id", "seller_id", "title", "price", "active", "deleted", "changed_at"))


def test_a_created_gig_is_copied(events):
    events.deliver(state(GigCreatedV2))

    assert replica() == [(501, 1002, "Logo design", Decimal("50.00"), True, False, T0)]


def test_an_update_overwrites_the_copy(events):
    events.deliver(state(GigCreatedV2))
    later = T0 + timedelta(minutes=5)

    events.deliver(state(at=later, title="Logo and brand", price=Decimal("75.50"), active=False))

    assert replica() == [(501, 1002, "Logo and brand", Decimal("75.50"), False, False, later)]


def test_an_update_that_overtook_the_creation_wins(events):
    later = T0 + timedelta(minutes=5)
    events.deliver(state(at=later, title="Newer"))

    events.deliver(state(GigCreatedV2, title="Older"))

    assert replica()[0][2] == "Newer"


def test_an_older_update_arriving_late_is_ignored(events):
    events.deliver(state(at=T0 + timedelta(minutes=5), active=False))

    events.deliver(state(at=T0, active=True))

    assert replica()[0][4] is False


def test_the_same_event_delivered_twice_is_applied_once(events):
    event_id = uuid.uuid4()

    assert events.deliver(state(GigCreatedV2), event_id=event_id) == [True]
    assert events.deliver(state(GigCreatedV2), event_id=event_id) == [False]

    assert Gig.objects.count() == 1
    assert InboxEntry.objects.count() == 1


def test_a_deletion_marks_the_gig_deleted(events):
    events.deliver(state(GigCreatedV2))

    events.deliver(GigDeleted(gig_id=501, seller_id=1002, deleted_at=T0 + timedelta(hours=1)))

    assert replica() == [(501, 1002, "Logo design", Decimal("50.00"), False, True, T0 + timedelta(hours=1))]


def test_a_deleted_gig_stays_deleted_whatever_arrives_after(events):
    events.deliver(GigDeleted(gig_id=501, seller_id=1002, deleted_at=T0))

    events.deliver(state(GigCreatedV2, at=T0 - timedelta(hours=1)))
    events.deliver(state(at=T0 + timedelta(hours=1)))

    [gig] = Gig.objects.all()
    assert (gig.deleted, gig.open_for_offers) == (True, False)


def test_a_deletion_delivered_twice_changes_nothing_more(events):
    deletion = GigDeleted(gig_id=501, seller_id=1002, deleted_at=T0)
    event_id = uuid.uuid4()

    assert events.deliver(deletion, event_id=event_id) == [True]
    assert events.deliver(deletion, event_id=event_id) == [False]

    assert Gig.objects.filter(deleted=True).count() == 1
