"""factory_boy factories of the reviews service."""

from __future__ import annotations

import uuid

import factory
from django.utils import timezone

from reviews_service.reviews.models import CompletedOrder, Review, Side


class CompletedOrderFactory(factory.django.DjangoModelFactory):
    """An order of alice's (1001) from bob (1002) for his gig 7, completed now."""

    class Meta:
        model = CompletedOrder

    order_id = factory.LazyFunction(uuid.uuid4)
    gig_id = 7
    gig_title = "A logo in a day"
    buyer_id = 1001
    buyer_username = "alice"
    seller_id = 1002
    seller_username = "bob"
    completed_at = factory.LazyFunction(timezone.now)


class ReviewFactory(factory.django.DjangoModelFactory):
    """The buyer's review of ``order`` (a new order of alice's from bob by default)."""

    class Meta:
        model = Review

    order = factory.SubFactory(CompletedOrderFactory)
    side = Side.BUYER
    gig_id = factory.SelfAttribute("order.gig_id")
    gig_title = factory.SelfAttribute("order.gig_title")
    reviewer_id = factory.LazyAttribute(lambda o: o.order.buyer_id if o.side == Side.BUYER else o.order.seller_id)
    reviewer_username = factory.LazyAttribute(
        lambda o: o.order.buyer_username if o.side == Side.BUYER else o.order.seller_username
    )
    reviewee_id = factory.LazyAttribute(lambda o: o.order.seller_id if o.side == Side.BUYER else o.order.buyer_id)
    reviewee_username = factory.LazyAttribute(
        lambda o: o.order.seller_username if o.side == Side.BUYER else o.order.buyer_username
    )
    rating = 5
    comment = "Great work"
    created_at = factory.LazyFunction(timezone.now)
