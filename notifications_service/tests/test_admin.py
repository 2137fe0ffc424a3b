"""The admin shows the directory, notifications and emails, and sends failed emails again."""

import pytest

from notifications_service.notifications.models import OutgoingEmail
from notifications_service.tests.factories import NotificationFactory, OutgoingEmailFactory, RecipientFactory

pytestmark = pytest.mark.django_db

PAGES = ["recipient", "notification", "outgoingemail"]


def send_again(admin_client, *emails: OutgoingEmail):
    return admin_client.post(
        "/admin/notifications/outgoingemail/",
        {"action": "send_again", "_selected_action": [email.pk for email in emails]},
        follow=True,
    )


@pytest.mark.parametrize("model", PAGES)
def test_each_list_page_answers(admin_client, model):
    RecipientFactory(username="findme")
    NotificationFactory(title="findme")
    OutgoingEmailFactory(to_address="findme@example.com")

    response = admin_client.get(f"/admin/notifications/{model}/?q=findme")

    assert response.status_code == 200
    assert b"findme" in response.content


def test_an_email_page_shows_no_body(admin_client):
    email = OutgoingEmailFactory(text_body="Your code is 042917", html_body="<p>Your code is 042917</p>")

    response = admin_client.get(f"/admin/notifications/outgoingemail/{email.pk}/change/")

    assert response.status_code == 200
    assert b"042917" not in response.content


def test_emails_and_notifications_cannot_be_added_or_edited(admin_client):
    email = OutgoingEmailFactory()

    assert admin_client.get("/admin/notifications/outgoingemail/add/").status_code == 403
    assert admin_client.get("/admin/notifications/notification/add/").status_code == 403
    assert admin_client.get("/admin/notifications/recipient/add/").status_code == 403
    page = admin_client.get(f"/admin/notifications/outgoingemail/{email.pk}/change/")
    assert b'name="_save"' not in page.content


def test_support_can_change_a_recipients_preference(admin_client):
    recipient = RecipientFactory(wants_non_essential_email=True)

    response = admin_client.post(
        f"/admin/notifications/recipient/{recipient.pk}/change/", {"wants_non_essential_email": ""}
    )

    assert response.status_code == 302
    recipient.refresh_from_db()
    assert recipient.wants_non_essential_email is False


def test_send_again_makes_a_failed_email_pending_and_queues_it(admin_client, django_capture_on_commit_callbacks):
    failed = OutgoingEmailFactory(status=OutgoingEmail.Status.FAILED, attempts=3, last_error="SMTPDataError: 554")

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = send_again(admin_client, failed)

    assert b"1 email(s) queued again." in response.content
    assert len(queued) == 1
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("pending", 3, "SMTPDataError: 554")


def test_send_again_skips_emails_that_did_not_fail(admin_client, django_capture_on_commit_callbacks):
    sent = OutgoingEmailFactory(status=OutgoingEmail.Status.SENT)
    pending = OutgoingEmailFactory()

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = send_again(admin_client, sent, pending)

    assert b"0 email(s) queued again." in response.content
    assert b"2 email(s) skipped: only failed emails are sent again." in response.content
    assert queued == []
    assert sorted(OutgoingEmail.objects.values_list("status", flat=True)) == ["pending", "sent"]


def test_an_email_sent_again_is_delivered(admin_client, smtp_server, monkeypatch, django_capture_on_commit_callbacks):
    from notifications_service.celery import app as celery_app

    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    failed = OutgoingEmailFactory(status=OutgoingEmail.Status.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        send_again(admin_client, failed)

    assert [message["Subject"] for message in smtp_server.messages] == ["Welcome to Bazaar"]
    failed.refresh_from_db()
    assert failed.status == "sent"
