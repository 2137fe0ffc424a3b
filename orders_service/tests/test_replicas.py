"""Orders' copies from events: gigs (newest state wins, deletion sticks), accepted offers, review marks."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from common.events.catalog.chat import OfferAccepted
from common.events.catalog.gigs import GigCreatedV2, GigDeleted, GigUpdatedV2, PackageState
from common.events.catalog.reviews import ReviewCreated
from orders_service.orders.models import AcceptedOffer, Gig, Order

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
BASIC = PackageState(tier="basic", title="", description="", price=Decimal("120.00"), delivery_days=5, revisions=None)
PREMIUM = PackageState(
    tier="premium", title="All", description="", price=Decimal("300.00"), delivery_days=2, revisions=3
)


def gig_event(cls=GigCreatedV2, *, at=T0, **changes):
    fields = {
        "gig_id": 501, "seller_id": 1002, "seller_username": "bob", "title": "Logo design", "category": "design",
        "price": Decimal("120.00"), "expected_delivery_days": 5, "active": True, "cover_image_url": "",
        "changed_at": at, "packages": [BASIC],
    }  # fmt: skip
    return cls(**{**fields, **changes})


def test_a_created_gig_is_copied(events):
    assert events.deliver(gig_event()) == [True]

    gig = Gig.objects.get()
    assert (gig.seller_username, gig.title, gig.price, gig.expected_delivery_days, gig.active) == (
        "bob",
        "Logo design",
        Decimal("120.00"),
        5,
        True,
    )


def test_a_newer_update_overwrites_and_an_older_one_is_ignored(events):
    events.deliver(gig_event())
    events.deliver(gig_event(GigUpdatedV2, at=T0 + timedelta(minutes=2), price=Decimal("150.00")))
    events.deliver(gig_event(GigUpdatedV2, at=T0 + timedelta(minutes=1), price=Decimal("90.00"), active=False))

    assert (Gig.objects.get().price, Gig.objects.get().active) == (Decimal("150.00"), True)


def test_a_deleted_gig_stays_deleted(events):
    events.deliver(GigDeleted(gig_id=501, seller_id=1002, deleted_at=T0))
    events.deliver(gig_event(at=T0 + timedelta(minutes=1)))

    assert Gig.objects.get().deleted is True
    assert Gig.objects.get().orderable is False


def test_the_same_event_twice_applies_once(events):
    event_id = uuid.uuid4()

    assert events.deliver(gig_event(), event_id=event_id) == [True]
    assert events.deliver(gig_event(), event_id=event_id) == [False]


def test_an_accepted_offer_is_kept(events):
    events.deliver(
        OfferAccepted(
            message_id=3001, conversation_id=77, seller_id=1002, seller_username="bob", buyer_id=1001,
            buyer_username="alice", gig_id=501, gig_title="Logo design", price=Decimal("30.00"),
            description="One logo", delivery_days=2, occurred_at=T0,
        )
    )  # fmt: skip

    offer = AcceptedOffer.objects.get()
    assert (offer.buyer_id, offer.price, offer.delivery_days, offer.accepted_at) == (1001, Decimal("30.00"), 2, T0)


@pytest.mark.parametrize(("side", "flags"), [("buyer", (True, False)), ("seller", (False, True))])
def test_a_review_marks_the_order(events, order_in, side, flags):
    order = order_in("completed")

    events.deliver(
        ReviewCreated(
            review_id=1, order_id=order.pk, gig_id=501, side=side, reviewer_id=1001, reviewer_username="alice",
            reviewee_id=1002, reviewee_username="bob", rating=5, comment="Great", created_at=T0,
        )
    )  # fmt: skip

    order = Order.objects.get()
    assert (order.buyer_reviewed, order.seller_reviewed) == flags


def test_the_gig_s_packages_are_copied_with_their_prices_as_text(events):
    events.deliver(gig_event(packages=[BASIC, PREMIUM]))

    gig = Gig.objects.get()
    assert gig.packages == [
        {"tier": "basic", "title": "", "description": "", "price": "120.00", "delivery_days": 5, "revisions": None},
        {"tier": "premium", "title": "All", "description": "", "price": "300.00", "delivery_days": 2, "revisions": 3},
    ]
    assert gig.package("premium") == {**gig.packages[1], "price": Decimal("300.00")}
    assert gig.package("standard") is None


def test_orders_reads_v2_of_the_gig_events_and_leaves_v1_to_the_consumers_that_have_not_moved():
    from common.events.handlers import handlers_for

    assert [h.name.rsplit(".", 1)[1] for h in handlers_for("gigs.gig.created", 2)] == ["copy_created_gig"]
    assert handlers_for("gigs.gig.created", 1) == handlers_for("gigs.gig.updated", 1) == []
