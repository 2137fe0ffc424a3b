"""``auth.user.registered`` creates the buyer profile, once per account."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError

from common.events.catalog.auth import UserRegistered
from common.events.inbox.models import InboxEntry
from users_service.profiles.models import BuyerProfile
from users_service.tests.conftest import registration_of
from users_service.tests.factories import BuyerProfileFactory

pytestmark = pytest.mark.django_db

HANDLER = "users_service.profiles.handlers.create_buyer_profile"
REGISTERED_AT = datetime(2026, 4, 2, 8, 15, tzinfo=UTC)


def profile_rows() -> list[tuple]:
    return list(
        BuyerProfile.objects.values_list(
            "user_id", "username", "email", "email_verified", "country", "is_seller", "created_at"
        )
    )


def test_a_registration_creates_an_unverified_buyer_profile_dated_when_the_account_registered(events):
    events.deliver(registration_of("alice", country="Peru"), occurred_at=REGISTERED_AT)

    assert profile_rows() == [(1001, "alice", "alice@example.com", False, "Peru", False, REGISTERED_AT)]


def test_the_same_registration_delivered_twice_creates_one_profile(events):
    event_id = uuid.uuid4()

    assert events.deliver(registration_of("alice"), event_id=event_id) == [True]
    assert events.deliver(registration_of("alice"), event_id=event_id) == [False]

    assert BuyerProfile.objects.count() == 1
    assert list(InboxEntry.objects.values_list("event_id", "handler")) == [(event_id, HANDLER)]


def test_a_second_registration_of_an_existing_account_changes_nothing(events, alice_profile):
    alice_profile.email_verified = True
    alice_profile.save()
    renamed = UserRegistered(user_id=1001, username="alice2", email="other@example.com", country="Chile")

    assert events.deliver(renamed) == [True]

    assert profile_rows() == [(1001, "alice", "alice@example.com", True, "Kenya", False, alice_profile.created_at)]


def test_two_accounts_get_two_profiles(events):
    events.deliver(registration_of("alice"))
    events.deliver(registration_of("bob"))

    assert list(BuyerProfile.objects.values_list("user_id", "username")) == [(1001, "alice"), (1002, "bob")]


def test_a_registration_whose_username_another_profile_holds_in_any_case_fails_and_is_not_remembered(events):
    # Two accounts cannot share a username in auth; if they ever do here, the event must be
    # retried and then dead-lettered for an operator, never half-applied.
    BuyerProfileFactory(user_id=77, username="ALICE")

    with pytest.raises(IntegrityError, match="profiles_buyer_username_ci_unique"):
        events.deliver(registration_of("alice"))

    assert list(BuyerProfile.objects.values_list("user_id", flat=True)) == [77]
    assert InboxEntry.objects.count() == 0
