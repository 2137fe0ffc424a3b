"""The recipient directory is filled by registrations and updated by verifications."""

import uuid

import pytest

from notifications_service.notifications.models import Notification, OutgoingEmail, Recipient
from notifications_service.tests.conftest import published_types
from notifications_service.tests.factories import RecipientFactory, registered, verified

pytestmark = pytest.mark.django_db

FIELDS = ["user_id", "username", "email", "email_verified", "wants_non_essential_email"]


def directory() -> list[dict]:
    return list(Recipient.objects.values(*FIELDS))


def test_a_registration_adds_the_user_to_the_directory(events):
    assert events.deliver(registered()) == [True]

    assert directory() == [
        {
            "user_id": 7,
            "username": "dora",
            "email": "dora@example.com",
            "email_verified": False,
            "wants_non_essential_email": True,
        }
    ]


def test_a_registration_alone_notifies_nobody(events):
    events.deliver(registered())

    assert Notification.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert published_types() == []


def test_a_registration_delivered_twice_adds_one_recipient(events):
    event_id = uuid.uuid4()

    assert events.deliver(registered(), event_id=event_id) == [True]
    assert events.deliver(registered(username="renamed"), event_id=event_id) == [False]

    assert list(Recipient.objects.values_list("username", flat=True)) == ["dora"]


def test_a_preference_saved_before_the_registration_arrived_is_kept(events):
    Recipient.objects.create(user_id=7, wants_non_essential_email=False)

    events.deliver(registered())

    assert directory() == [
        {
            "user_id": 7,
            "username": "dora",
            "email": "dora@example.com",
            "email_verified": False,
            "wants_non_essential_email": False,
        }
    ]


def test_a_verification_marks_the_recipient_verified(events):
    events.deliver(registered())

    events.deliver(verified())

    assert Recipient.objects.get().email_verified is True


def test_a_verification_that_overtook_the_registration_is_not_undone_by_it(events):
    events.deliver(verified())

    events.deliver(registered())

    assert directory() == [
        {
            "user_id": 7,
            "username": "dora",
            "email": "dora@example.com",
            "email_verified": True,
            "wants_non_essential_email": True,
        }
    ]


def test_a_verification_records_the_address_it_verified(events):
    RecipientFactory(user_id=7, username="dora", email="old@example.com")

    events.deliver(verified(email="new@example.com"))

    assert Recipient.objects.get().email == "new@example.com"
