"""factory_boy factories of the users service."""

from __future__ import annotations

import factory
from django.utils import timezone

from users_service.profiles.models import BuyerProfile, SellerProfile


class BuyerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuyerProfile

    user_id = factory.Sequence(lambda n: 5000 + n)
    username = factory.Sequence(lambda n: f"buyer{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    country = "Kenya"
    created_at = factory.LazyFunction(timezone.now)


class SellerProfileFactory(factory.django.DjangoModelFactory):
    """A seller with a complete profile and empty stats; ``buyer`` a verified buyer by default."""

    class Meta:
        model = SellerProfile

    buyer = factory.SubFactory(BuyerProfileFactory, email_verified=True, is_seller=True)
    full_name = factory.Faker("name")
    one_liner = "I build things people love"
    description = "Ten years of making websites for small businesses."
    skills = factory.LazyFunction(lambda: ["django", "postgresql"])
    languages = factory.LazyFunction(lambda: [{"language": "English", "level": "fluent"}])
    response_time_hours = 24
