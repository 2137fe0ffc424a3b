"""chat.message.sent to someone away: one in-app notice per unread conversation, one email once it is quiet."""

import uuid

import pytest

from notifications_service.notifications import digests
from notifications_service.notifications.models import MessageDigest, Notification, OutgoingEmail, Recipient
from notifications_service.notifications.tasks import send_message_digests
from notifications_service.tests.conftest import published_types
from notifications_service.tests.factories import ALICE, BOB, conversation_read, message_sent

pytestmark = pytest.mark.django_db

PAGE = "/inbox/12"


@pytest.fixture(autouse=True)
def _setup(settings, parties, presence):
    settings.FRONTEND_URL = "https://front.example"
    settings.MESSAGE_EMAIL_DELAY_SECONDS = 0


def send(events, message_id=701, **changes):
    return events.deliver(message_sent(message_id=message_id, **changes))


def test_a_message_to_someone_away_is_told_in_the_app_at_once_and_not_yet_by_email(events, settings):
    settings.MESSAGE_EMAIL_DELAY_SECONDS = 900

    assert send(events) == [True]

    assert list(Notification.objects.values("user_id", "kind", "title", "body", "link")) == [
        {
            "user_id": ALICE["user_id"],
            "kind": "new_message",
            "title": "New message from bob",
            "body": "bob sent you a message. Reply in the conversation.",
            "link": PAGE,
        }
    ]
    assert published_types() == ["notifications.notification.created"]
    assert OutgoingEmail.objects.count() == 0
    assert digests.send_due_digests() == []
    assert list(MessageDigest.objects.values_list("recipient_id", "conversation_id", "messages", "status")) == [
        (ALICE["user_id"], 12, 1, "waiting")
    ]


def test_a_message_to_someone_online_is_not_told_again(events, presence):
    presence.come_online(ALICE["user_id"])

    send(events)

    assert Notification.objects.count() == 0
    assert MessageDigest.objects.count() == 0
    assert published_types() == []


def test_messages_in_a_row_make_one_notice_and_one_email(events):
    for message_id in (701, 702, 703):
        send(events, message_id, body=f"Message {message_id}")

    assert Notification.objects.count() == 1
    assert digests.send_due_digests() == [OutgoingEmail.objects.get().pk]
    assert list(OutgoingEmail.objects.values("kind", "to_address", "subject", "category", "status")) == [
        {
            "kind": "unread_messages",
            "to_address": "alice@example.com",
            "subject": "bob sent you 3 messages on Bazaar",
            "category": "messages",
            "status": "pending",
        }
    ]
    text = OutgoingEmail.objects.get().text_body
    assert "Message 703" in text
    assert "Message 701" not in text
    assert "https://front.example/inbox/12" in text


def test_a_due_digest_is_emailed_once(events):
    send(events)

    assert len(digests.send_due_digests()) == 1
    assert digests.send_due_digests() == []

    assert OutgoingEmail.objects.count() == 1
    assert MessageDigest.objects.get().status == "sent"


def test_the_same_event_delivered_twice_counts_once(events):
    event_id = uuid.uuid4()

    assert events.deliver(message_sent(), event_id=event_id) == [True]
    assert events.deliver(message_sent(), event_id=event_id) == [False]

    assert Notification.objects.count() == 1
    assert MessageDigest.objects.get().messages == 1


def test_messages_read_before_the_email_was_due_are_not_emailed(events):
    send(events)
    events.deliver(conversation_read(last_read_message_id=701))

    assert digests.send_due_digests() == []

    assert OutgoingEmail.objects.count() == 0
    assert MessageDigest.objects.get().status == "read"


def test_a_read_that_arrives_before_its_message_still_stops_the_email(events):
    events.deliver(conversation_read(last_read_message_id=701))
    send(events)

    assert digests.send_due_digests() == []
    assert MessageDigest.objects.get().status == "read"


def test_a_read_of_earlier_messages_only_does_not_stop_the_email(events):
    send(events, 701)
    send(events, 702)
    events.deliver(conversation_read(last_read_message_id=701))

    assert len(digests.send_due_digests()) == 1


def test_an_older_read_never_moves_the_mark_back(events):
    send(events, 702)
    events.deliver(conversation_read(last_read_message_id=702))
    events.deliver(conversation_read(last_read_message_id=701))

    assert digests.send_due_digests() == []


def test_reading_the_conversation_marks_its_notice_read_and_the_next_message_makes_a_new_one(events):
    send(events, 701)
    events.deliver(conversation_read(last_read_message_id=701))

    assert Notification.objects.get().read_at is not None
    send(events, 702)
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_a_read_by_someone_else_changes_nothing_of_mine(events):
    send(events)
    events.deliver(conversation_read(reader_id=BOB["user_id"], reader_username="bob", other_party_id=ALICE["user_id"]))

    assert Notification.objects.get().read_at is None
    assert len(digests.send_due_digests()) == 1


def test_someone_who_turned_message_email_off_gets_the_notice_but_no_email(events):
    Recipient.objects.filter(user_id=ALICE["user_id"]).update(wants_message_email=False)
    send(events)

    assert digests.send_due_digests() == []

    assert Notification.objects.count() == 1
    assert OutgoingEmail.objects.count() == 0
    assert MessageDigest.objects.get().status == "no_email"


def test_turning_message_email_off_keeps_essential_and_news_mail(events):
    Recipient.objects.filter(user_id=ALICE["user_id"]).update(wants_message_email=False)

    from notifications_service.tests.factories import order_placed

    events.deliver(order_placed())

    assert OutgoingEmail.objects.filter(to_address="alice@example.com").count() == 1


def test_a_message_after_the_email_starts_a_new_one(events):
    send(events, 701)
    digests.send_due_digests()
    send(events, 702, body="Are you there?")

    assert len(digests.send_due_digests()) == 1
    assert OutgoingEmail.objects.count() == 2
    assert "Are you there?" in OutgoingEmail.objects.order_by("-id").first().text_body


def test_the_email_quotes_only_a_short_preview_of_the_latest_message(events):
    long_body = "word " * 200 + "SECRET-END"
    send(events, body=long_body)
    digests.send_due_digests()

    email = OutgoingEmail.objects.get()
    assert "SECRET-END" not in email.text_body
    assert "SECRET-END" not in email.html_body
    assert MessageDigest.objects.get().preview == ("word " * 20).strip()[:99].rstrip() + "…"


@pytest.mark.parametrize(
    ("changes", "shown"),
    [({"body": "", "attachment_name": "sketch.png"}, "(an attachment)"), ({"body": "  \n "}, "(an attachment)")],
    ids=["attachment", "blank"],
)
def test_a_message_without_text_says_what_it_carries(events, changes, shown):
    send(events, **changes)

    assert MessageDigest.objects.get().preview == shown


def test_the_task_queues_each_email_only_once_it_committed(events, django_capture_on_commit_callbacks):
    send(events)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert send_message_digests() == 1

    assert len(callbacks) == 1
    assert OutgoingEmail.objects.get().status == "pending"
