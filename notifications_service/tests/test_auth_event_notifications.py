"""Every auth event about a user stores one in-app notification, announces it and writes one email."""

import uuid

import pytest

from common.events.catalog.notifications import NotificationCreated
from common.events.inbox.models import InboxEntry
from notifications_service.notifications import emails
from notifications_service.notifications.models import Notification, OutgoingEmail, Recipient
from notifications_service.tests.conftest import published_types
from notifications_service.tests.factories import (
    TOKEN,
    email_change_requested,
    email_changed,
    otp_requested,
    password_changed,
    reset_completed,
    reset_requested,
    verification_requested,
    verified,
)

pytestmark = pytest.mark.django_db

# event, in-app (kind, title, body), email (kind, subject, category)
CASES = [
    pytest.param(
        verification_requested,
        ("verify_email", "Verify your email", "We sent a link to dora@example.com. Open it to confirm your address."),
        ("verify_email", "Verify your email address", "essential"),
        id="verification requested",
    ),
    pytest.param(
        otp_requested,
        (
            "one_time_code",
            "Your sign-in code was sent",
            "We emailed a code to dora@example.com to confirm a sign-in from a new device. "
            "If it was not you, change your password.",
        ),
        ("one_time_code", "Your Bazaar sign-in code", "essential"),
        id="one-time code requested",
    ),
    pytest.param(
        reset_requested,
        (
            "forgot_password",
            "Password reset requested",
            "We emailed a link to reset your password to dora@example.com. If you did not ask for it, ignore it.",
        ),
        ("forgot_password", "Reset your Bazaar password", "essential"),
        id="password reset requested",
    ),
    pytest.param(
        reset_completed,
        (
            "password_reset_done",
            "Your password was reset",
            "Every session was signed out. If you did not reset it, reset it again right away.",
        ),
        ("password_reset_done", "Your Bazaar password was reset", "essential"),
        id="password reset completed",
    ),
    pytest.param(
        password_changed,
        (
            "password_changed",
            "Your password was changed",
            "Your other sessions were signed out. If you did not change it, reset your password right away.",
        ),
        ("password_changed", "Your Bazaar password was changed", "essential"),
        id="password changed",
    ),
    pytest.param(
        email_change_requested,
        (
            "confirm_email_change",
            "Confirm your new email",
            "We sent a link to dora@example.com. Your address changes when you open it.",
        ),
        ("confirm_email_change", "Confirm your new Bazaar email address", "essential"),
        id="email change requested",
    ),
    pytest.param(
        email_changed,
        (
            "email_changed",
            "Your email address was changed",
            "We now write to dora.new@example.com. If you did not change it, tell us right away.",
        ),
        ("email_changed", "Your Bazaar email address was changed", "essential"),
        id="email changed",
    ),
    pytest.param(
        verified,
        ("email_verified", "Email verified", "dora@example.com is confirmed. Welcome to Bazaar!"),
        ("welcome", "Welcome to Bazaar", "non_essential"),
        id="email verified",
    ),
]


@pytest.mark.parametrize(("event", "notice", "mail"), CASES)
def test_the_event_stores_one_in_app_notification(events, event, notice, mail):
    event_id = uuid.uuid4()

    assert events.deliver(event(), event_id=event_id) == [True]

    assert list(
        Notification.objects.values("user_id", "kind", "title", "body", "link", "read_at", "source_event_id")
    ) == [
        {
            "user_id": 7,
            "kind": notice[0],
            "title": notice[1],
            "body": notice[2],
            "link": "",
            "read_at": None,
            "source_event_id": event_id,
        }
    ]


@pytest.mark.parametrize(("event", "notice", "mail"), CASES)
def test_the_event_announces_the_notification(events, event, notice, mail):
    events.deliver(event())

    notification = Notification.objects.get()
    assert events.published(NotificationCreated) == [
        NotificationCreated(
            notification_id=notification.pk,
            user_id=7,
            kind=notice[0],
            title=notice[1],
            body=notice[2],
            link="",
            created_at=notification.created_at,
        )
    ]


@pytest.mark.parametrize(("event", "notice", "mail"), CASES)
def test_the_event_writes_one_pending_email_to_the_user(events, event, notice, mail):
    event_id = uuid.uuid4()

    events.deliver(event(), event_id=event_id)

    assert list(
        OutgoingEmail.objects.values(
            "kind", "to_address", "to_name", "subject", "category", "status", "attempts", "sent_at", "source_event_id"
        )
    ) == [
        {
            "kind": mail[0],
            "to_address": "dora@example.com",
            "to_name": "dora",
            "subject": mail[1],
            "category": mail[2],
            "status": "pending",
            "attempts": 0,
            "sent_at": None,
            "source_event_id": event_id,
        }
    ]


@pytest.mark.parametrize(("event", "notice", "mail"), CASES)
def test_the_event_delivered_twice_notifies_once(events, event, notice, mail):
    event_id = uuid.uuid4()

    assert events.deliver(event(), event_id=event_id) == [True]
    assert events.deliver(event(), event_id=event_id) == [False]

    assert Notification.objects.count() == 1
    assert OutgoingEmail.objects.count() == 1
    assert published_types() == ["notifications.notification.created"]


@pytest.mark.parametrize(("event", "notice", "mail"), CASES)
def test_the_email_is_queued_for_sending_only_once_the_handler_committed(
    events, django_capture_on_commit_callbacks, event, notice, mail
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        events.deliver(event())

    assert len(callbacks) == 1
    assert OutgoingEmail.objects.get().status == "pending"


@pytest.mark.parametrize(
    ("event", "secret"),
    [
        (verification_requested, TOKEN),
        (reset_requested, TOKEN),
        (otp_requested, "042917"),
        (email_change_requested, TOKEN),
    ],
    ids=["verification link", "reset link", "one-time code", "email change link"],
)
def test_a_secret_meant_for_the_mailbox_stays_out_of_the_in_app_notification(events, event, secret):
    events.deliver(event())

    notification = Notification.objects.values("title", "body", "link").get()
    assert all(secret not in value for value in notification.values())
    assert all(secret not in str(announced) for announced in events.published(NotificationCreated))
    assert secret in OutgoingEmail.objects.get().text_body


def test_a_user_who_opted_out_gets_the_welcome_notification_but_no_welcome_email(events):
    Recipient.objects.create(user_id=7, wants_non_essential_email=False)

    events.deliver(verified())

    assert list(Notification.objects.values_list("title", flat=True)) == ["Email verified"]
    assert published_types() == ["notifications.notification.created"]
    assert OutgoingEmail.objects.count() == 0


@pytest.mark.parametrize(
    "event", [verification_requested, otp_requested, reset_requested, reset_completed, password_changed]
)
def test_a_user_who_opted_out_still_gets_essential_emails(events, event):
    Recipient.objects.create(user_id=7, wants_non_essential_email=False)

    events.deliver(event())

    assert list(OutgoingEmail.objects.values_list("to_address", "category")) == [("dora@example.com", "essential")]


def test_the_event_address_is_used_even_when_the_directory_knows_another(events):
    Recipient.objects.create(user_id=7, username="dora", email="old@example.com")

    events.deliver(reset_requested(email="current@example.com"))

    assert list(OutgoingEmail.objects.values_list("to_address", flat=True)) == ["current@example.com"]


def test_a_handler_that_fails_leaves_no_notification_no_email_and_no_event(events, monkeypatch):
    def broken_template(*args, **kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr(emails, "render_email", broken_template)

    with pytest.raises(RuntimeError, match="template missing"):
        events.deliver(verification_requested())

    assert Notification.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert published_types() == []
    assert InboxEntry.objects.count() == 0


def test_the_password_changed_email_says_when_and_links_to_a_reset(events, settings):
    settings.FRONTEND_URL = "https://front.example"
    events.deliver(password_changed())

    text = OutgoingEmail.objects.get().text_body
    assert "changed on 14 March 2030, 15:09 UTC" in text
    assert "https://front.example/forgot-password" in text


def test_the_email_change_link_goes_to_the_new_address_and_names_the_current_one(events, settings):
    settings.FRONTEND_URL = "https://front.example"
    events.deliver(email_change_requested(email="dora.new@example.com"))

    email = OutgoingEmail.objects.get()
    assert email.to_address == "dora.new@example.com"
    assert "instead of dora.old@example.com" in email.text_body
    assert f"https://front.example/confirm-email?token={TOKEN}" in email.text_body
    assert "The link works until 14 March 2030, 15:09 UTC." in email.text_body


def test_a_changed_address_is_told_at_the_previous_one_and_becomes_the_directory_s(events):
    Recipient.objects.create(user_id=7, username="dora", email="dora@example.com", email_verified=False)

    events.deliver(email_changed())

    email = OutgoingEmail.objects.get()
    assert (email.to_address, email.kind) == ("dora@example.com", "email_changed")
    assert "changed on 14 March 2030, 15:09 UTC from this one to dora.new@example.com" in email.text_body
    assert list(Recipient.objects.values_list("email", "email_verified")) == [("dora.new@example.com", True)]
