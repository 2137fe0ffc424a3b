"""``auth.user.deleted``: a last email to the address the account had, then everything kept of the account goes."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from common.events.catalog.auth import UserDeleted
from notifications_service.notifications.models import MessageDigest, Notification, OutgoingEmail, Recipient
from notifications_service.tests.factories import (
    EXPIRES_AT,
    NotificationFactory,
    OutgoingEmailFactory,
    RecipientFactory,
)

pytestmark = pytest.mark.django_db


def deletion_of_dora() -> UserDeleted:
    return UserDeleted(user_id=7, username="dora", email="dora@example.com", deleted_at=EXPIRES_AT)


def test_the_owner_gets_a_last_email_at_the_address_the_account_had(events):
    RecipientFactory(user_id=7, username="dora", email="dora@example.com")

    assert events.deliver(deletion_of_dora()) == [True]

    email = OutgoingEmail.objects.get()
    assert (email.kind, email.to_address, email.subject, email.category) == (
        "account_deleted",
        "dora@example.com",
        "Your Bazaar account was deleted",
        "essential",
    )
    assert "deleted on 14 March 2030, 15:09 UTC" in email.text_body


def test_the_notices_directory_entry_digests_and_earlier_emails_go(events):
    RecipientFactory(user_id=7, username="dora", email="dora@example.com")
    RecipientFactory(user_id=8, username="erin", email="erin@example.com")
    NotificationFactory(user_id=7)
    kept_notice = NotificationFactory(user_id=8)
    OutgoingEmailFactory(to_address="DORA@example.com")
    kept_email = OutgoingEmailFactory(to_address="erin@example.com")
    MessageDigest.objects.create(
        recipient_id=7, conversation_id=3, sender_username="erin", last_message_id=1, preview="Hi",
        due_at=timezone.now() + timedelta(minutes=5),
    )  # fmt: skip

    events.deliver(deletion_of_dora())

    assert list(Recipient.objects.values_list("user_id", flat=True)) == [8]
    assert list(Notification.objects.values_list("pk", flat=True)) == [kept_notice.pk]
    assert sorted(OutgoingEmail.objects.values_list("kind", "to_address")) == [
        ("account_deleted", "dora@example.com"),
        (kept_email.kind, "erin@example.com"),
    ]
    assert MessageDigest.objects.count() == 0


def test_the_deletion_delivered_twice_writes_one_email(events):
    event_id = uuid.uuid4()

    assert events.deliver(deletion_of_dora(), event_id=event_id) == [True]
    assert events.deliver(deletion_of_dora(), event_id=event_id) == [False]

    assert OutgoingEmail.objects.count() == 1
