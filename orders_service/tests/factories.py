"""factory_boy factories of the orders service."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from orders_service.orders import money
from orders_service.orders.models import AcceptedOffer, Gig, Order, Payment


class GigFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gig

    gig_id = factory.Sequence(lambda n: 900 + n)
    seller_id = 1002
    seller_username = "bob"
    title = factory.Sequence(lambda n: f"Gig {n}")
    price = Decimal("120.00")
    expected_delivery_days = 5
    active = True
    changed_at = factory.LazyFunction(timezone.now)


class AcceptedOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcceptedOffer

    message_id = factory.Sequence(lambda n: 3000 + n)
    conversation_id = 77
    seller_id = 1002
    seller_username = "bob"
    buyer_id = 1001
    buyer_username = "alice"
    gig_id = 501
    gig_title = "Logo design"
    price = Decimal("30.00")
    description = "One logo, two revisions"
    delivery_days = 2
    accepted_at = factory.LazyFunction(timezone.now)


class PaymentFactory(factory.django.DjangoModelFactory):
    """A succeeded payment of alice for bob's gig 501 at 120.00 (not known to any provider)."""

    class Meta:
        model = Payment

    intent_id = factory.Sequence(lambda n: f"pi_factory{n}")
    provider = "stripe"
    buyer_id = 1001
    buyer_username = "alice"
    seller_id = 1002
    seller_username = "bob"
    gig_id = 501
    gig_title = "Logo design"
    delivery_days = 5
    price = Decimal("120.00")
    service_fee = factory.LazyAttribute(lambda o: money.service_fee(o.price))
    total = factory.LazyAttribute(lambda o: o.price + o.service_fee)
    currency = "usd"
    status = Payment.Status.SUCCEEDED


class OrderFactory(factory.django.DjangoModelFactory):
    """Alice's order of bob's gig 501, in progress."""

    class Meta:
        model = Order

    payment = factory.SubFactory(PaymentFactory)
    buyer_id = factory.SelfAttribute("payment.buyer_id")
    buyer_username = factory.SelfAttribute("payment.buyer_username")
    seller_id = factory.SelfAttribute("payment.seller_id")
    seller_username = factory.SelfAttribute("payment.seller_username")
    gig_id = factory.SelfAttribute("payment.gig_id")
    gig_title = factory.SelfAttribute("payment.gig_title")
    requirements = "A fox, in orange"
    price = factory.SelfAttribute("payment.price")
    service_fee = factory.SelfAttribute("payment.service_fee")
    total = factory.SelfAttribute("payment.total")
    currency = "usd"
    placed_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.placed_at + timedelta(days=5))
