"""Sending an email row through a real SMTP server: once, and never lost when the server is away."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from notifications_service.notifications.models import OutgoingEmail
from notifications_service.notifications.services import EmailNotSent
from notifications_service.notifications.tasks import SEND_RETRIES, retry_delay, send_email
from notifications_service.tests.factories import OutgoingEmailFactory, verification_requested

pytestmark = pytest.mark.django_db


def reloaded(email: OutgoingEmail) -> OutgoingEmail:
    email.refresh_from_db()
    return email


def test_a_pending_email_is_sent_as_text_with_an_html_alternative(smtp_server):
    email = OutgoingEmailFactory(text_body="Hi dora,\n\nWelcome.\n", html_body="<p>Hi dora,</p>")

    assert send_email(email.pk) is True

    [message] = smtp_server.messages
    assert message["To"] == "dora <dora@example.com>"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert message["Subject"] == "Welcome to Bazaar"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.iter_parts()
    assert (text.get_content_type(), text.get_content()) == ("text/plain", "Hi dora,\n\nWelcome.\n")
    assert (html.get_content_type(), html.get_content()) == ("text/html", "<p>Hi dora,</p>")
    assert smtp_server.sink.envelopes[0][1] == ["dora@example.com"]


def test_a_sent_email_is_marked_sent_after_one_attempt(smtp_server):
    email = OutgoingEmailFactory()

    send_email(email.pk)

    email = reloaded(email)
    assert (email.status, email.attempts, email.last_error) == ("sent", 1, "")
    assert email.sent_at is not None and email.sent_at == email.last_attempt_at


def test_a_sent_email_is_never_sent_again(smtp_server):
    email = OutgoingEmailFactory()

    assert send_email(email.pk) is True
    assert send_email(email.pk) is False

    assert len(smtp_server.messages) == 1
    assert reloaded(email).attempts == 1


def test_an_email_that_failed_for_good_is_not_sent_by_a_late_task(smtp_server):
    email = OutgoingEmailFactory(status=OutgoingEmail.Status.FAILED)

    assert send_email(email.pk) is False

    assert smtp_server.messages == []
    assert reloaded(email).attempts == 0


def test_an_email_that_no_longer_exists_is_nothing_to_send(smtp_server):
    assert send_email(424242) is False


def test_a_message_id_is_stable_per_email_so_a_duplicate_is_recognisable(smtp_server):
    first, second = OutgoingEmailFactory(), OutgoingEmailFactory()

    send_email(first.pk)
    send_email(second.pk)

    ids = [message["Message-ID"] for message in smtp_server.messages]
    assert ids[0].startswith(f"<email-{first.pk}-") and ids[1].startswith(f"<email-{second.pk}-")


def test_an_smtp_server_that_is_down_leaves_the_email_pending_with_the_error(stopped_smtp_server):
    email = OutgoingEmailFactory()

    with pytest.raises(EmailNotSent, match=f"email {email.pk}: ConnectionRefusedError"):
        send_email(email.pk)

    email = reloaded(email)
    assert (email.status, email.attempts, email.sent_at) == ("pending", 1, None)
    assert email.last_error.startswith("ConnectionRefusedError: [Errno 111]")
    assert email.last_attempt_at is not None


def test_the_email_is_sent_once_the_server_is_back(stopped_smtp_server):
    email = OutgoingEmailFactory()
    for _ in range(2):
        with pytest.raises(EmailNotSent):
            send_email(email.pk)

    stopped_smtp_server.start()
    assert send_email(email.pk) is True

    assert [message["Subject"] for message in stopped_smtp_server.messages] == ["Welcome to Bazaar"]
    assert (reloaded(email).status, reloaded(email).attempts) == ("sent", 3)


def test_a_mailbox_the_server_refuses_fails_the_email_for_good(smtp_server):
    smtp_server.sink.refused["dora@example.com"] = "550 5.1.1 No such mailbox"
    email = OutgoingEmailFactory()

    assert send_email(email.pk) is False
    assert send_email(email.pk) is False

    email = reloaded(email)
    assert (email.status, email.attempts) == ("failed", 1)
    assert email.last_error.startswith(
        "SMTPRecipientsRefused: {'dora <dora@example.com>': (550, b'5.1.1 No such mailbox')}"
    )
    assert smtp_server.messages == []


def test_a_mailbox_that_is_busy_for_now_is_tried_again(smtp_server):
    smtp_server.sink.refused["dora@example.com"] = "450 4.2.1 Mailbox busy, try later"
    email = OutgoingEmailFactory()

    with pytest.raises(EmailNotSent):
        send_email(email.pk)
    del smtp_server.sink.refused["dora@example.com"]
    send_email(email.pk)

    assert (reloaded(email).status, reloaded(email).attempts) == ("sent", 2)


def test_the_task_retries_then_leaves_the_email_to_the_sweep(stopped_smtp_server):
    email = OutgoingEmailFactory()

    result = send_email.apply(args=[email.pk])

    assert result.get() is False
    email = reloaded(email)
    assert (email.status, email.attempts) == ("pending", 1 + SEND_RETRIES)


def test_retries_wait_twice_as_long_each_time_up_to_a_quarter_of_an_hour():
    for retries, seconds in [(0, 30), (1, 60), (2, 120), (3, 240), (4, 480), (5, 900), (10, 900)]:
        assert 0.8 * seconds <= retry_delay(retries) <= 1.2 * seconds


def test_an_event_is_emailed_once_its_handler_committed(
    events, smtp_server, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        events.deliver(verification_requested())

    assert [message["Subject"] for message in smtp_server.messages] == ["Verify your email address"]
    assert OutgoingEmail.objects.get().status == "sent"


@pytest.mark.django_db(transaction=True)
def test_two_senders_of_one_email_send_it_once(smtp_server):
    email = OutgoingEmailFactory()
    smtp_server.sink.gate.clear()  # the first sender stays in the SMTP conversation, its row locked
    results: dict[str, bool] = {}

    def sender(name: str) -> None:
        try:
            results[name] = send_email(email.pk)
        finally:
            connection.close()

    first = threading.Thread(target=sender, args=("first",))
    first.start()
    assert smtp_server.sink.receiving.wait(10)
    second = threading.Thread(target=sender, args=("second",))
    second.start()
    second.join(0.5)
    assert second.is_alive(), "the second sender should wait for the row lock"
    smtp_server.sink.gate.set()
    first.join(10)
    second.join(10)

    assert results == {"first": True, "second": False}
    assert len(smtp_server.messages) == 1


def test_an_email_whose_task_could_not_be_queued_stays_pending_for_the_sweep(
    events, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("RabbitMQ is away")

    monkeypatch.setattr(send_email, "delay", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        assert events.deliver(verification_requested()) == [True]

    assert OutgoingEmail.objects.get().status == "pending"
