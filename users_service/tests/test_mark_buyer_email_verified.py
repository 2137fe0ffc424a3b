"""``auth.email.verified`` marks the profile's email verified, and waits for a profile that is not there yet."""

import uuid

import pytest

from common.events.catalog.auth import EmailVerified
from common.events.inbox.models import InboxEntry
from users_service.profiles.errors import ProfileNotYetCreated
from users_service.profiles.models import BuyerProfile
from users_service.tests.conftest import registration_of

pytestmark = pytest.mark.django_db

HANDLER = "users_service.profiles.handlers.mark_buyer_email_verified"


def verification_of_alice(email: str = "alice@example.com") -> EmailVerified:
    return EmailVerified(user_id=1001, username="alice", email=email)


def test_a_verification_marks_the_email_verified(events, alice_profile):
    assert events.deliver(verification_of_alice()) == [True]

    alice_profile.refresh_from_db()
    assert (alice_profile.email, alice_profile.email_verified) == ("alice@example.com", True)


def test_the_verified_address_becomes_the_profiles_email(events, alice_profile):
    events.deliver(verification_of_alice("alice.new@example.com"))

    alice_profile.refresh_from_db()
    assert (alice_profile.email, alice_profile.email_verified) == ("alice.new@example.com", True)


def test_the_same_verification_delivered_twice_is_applied_once(events, alice_profile):
    event_id = uuid.uuid4()

    assert events.deliver(verification_of_alice(), event_id=event_id) == [True]
    assert events.deliver(verification_of_alice(), event_id=event_id) == [False]

    assert list(InboxEntry.objects.values_list("event_id", "handler")) == [(event_id, HANDLER)]


def test_a_verification_that_overtakes_the_registration_fails_so_that_it_is_retried(events):
    with pytest.raises(ProfileNotYetCreated):
        events.deliver(verification_of_alice())

    assert BuyerProfile.objects.count() == 0
    assert InboxEntry.objects.count() == 0


def test_a_retried_verification_applies_once_the_registration_arrived(events):
    event_id = uuid.uuid4()
    with pytest.raises(ProfileNotYetCreated):
        events.deliver(verification_of_alice(), event_id=event_id)

    events.deliver(registration_of("alice"))
    assert events.deliver(verification_of_alice(), event_id=event_id) == [True]

    assert list(BuyerProfile.objects.values_list("username", "email_verified")) == [("alice", True)]
