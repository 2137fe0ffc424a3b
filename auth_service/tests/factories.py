"""factory_boy factories of the auth service."""

from __future__ import annotations

import factory

from auth_service.accounts.models import User

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    country = "Kenya"
    password = factory.django.Password(PASSWORD)
