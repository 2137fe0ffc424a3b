"""``auth.user.email_changed`` makes the new address the profile's, verified, and waits for a profile not there yet."""

import uuid
from datetime import UTC, datetime

import pytest

from common.events.catalog.auth import EmailChanged
from common.events.inbox.models import InboxEntry
from users_service.profiles.errors import ProfileNotYetCreated
from users_service.profiles.models import BuyerProfile

pytestmark = pytest.mark.django_db

HANDLER = "users_service.profiles.handlers.record_changed_email"


def change_of_alice() -> EmailChanged:
    return EmailChanged(
        user_id=1001,
        username="alice",
        email="alice.new@example.com",
        previous_email="alice@example.com",
        changed_at=datetime(2030, 3, 14, 15, 9, tzinfo=UTC),
    )


def test_a_changed_address_becomes_the_profiles_email_verified(events, alice_profile):
    assert events.deliver(change_of_alice()) == [True]

    alice_profile.refresh_from_db()
    assert (alice_profile.email, alice_profile.email_verified) == ("alice.new@example.com", True)


def test_the_same_change_delivered_twice_is_applied_once(events, alice_profile):
    event_id = uuid.uuid4()

    assert events.deliver(change_of_alice(), event_id=event_id) == [True]
    assert events.deliver(change_of_alice(), event_id=event_id) == [False]

    assert list(InboxEntry.objects.values_list("event_id", "handler")) == [(event_id, HANDLER)]


def test_a_change_that_overtakes_the_registration_fails_so_that_it_is_retried(events):
    with pytest.raises(ProfileNotYetCreated):
        events.deliver(change_of_alice())

    assert BuyerProfile.objects.count() == 0
    assert InboxEntry.objects.count() == 0
