"""factory_boy factories of the users service."""

from __future__ import annotations

import factory
from django.utils import timezone

from users_service.profiles.models import BuyerProfile


class BuyerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuyerProfile

    user_id = factory.Sequence(lambda n: 5000 + n)
    username = factory.Sequence(lambda n: f"buyer{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    country = "Kenya"
    created_at = factory.LazyFunction(timezone.now)
