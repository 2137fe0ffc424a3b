"""``auth.user.deleted``: the account's messages stay for the other party under "Deleted user", and nobody writes to it."""

import uuid
from datetime import UTC, datetime

import pytest

from chat_service.chat.models import ChatUser, Message
from chat_service.tests.conftest import send
from chat_service.tests.factories import ChatUserFactory, message
from common.events.catalog.auth import UserDeleted

pytestmark = pytest.mark.django_db


def deletion_of(user_id: int, username: str) -> UserDeleted:
    deleted_at = datetime(2030, 3, 14, 15, 9, tzinfo=UTC)
    return UserDeleted(user_id=user_id, username=username, email=f"{username}@example.com", deleted_at=deleted_at)


def test_the_messages_stay_for_the_other_party_under_deleted_user(api_client_as, events, users):
    message(users["bob"], users["alice"], body="Here is your logo.")

    assert events.deliver(deletion_of(1002, "bob")) == [True]

    response = api_client_as("alice").get(f"/api/v1/conversations/{Message.objects.get().conversation_id}/messages")
    assert [(item["sender"]["username"], item["body"]) for item in response.json()["results"]] == [
        ("Deleted user", "Here is your logo.")
    ]


def test_nobody_can_write_to_a_deleted_account_by_either_name(api_client_as, events, users):
    events.deliver(deletion_of(1002, "bob"))

    for name in ("bob", "Deleted user"):
        response = send(api_client_as("alice"), to=name, body="Still there?")
        assert (response.status_code, response.json()["code"]) == (400, "unknown_user")
    assert Message.objects.count() == 0


def test_several_deleted_accounts_share_the_name_and_the_old_name_is_free(events, users):
    events.deliver(deletion_of(1002, "bob"))
    events.deliver(deletion_of(1003, "charlie"))

    ChatUserFactory(user_id=2001, username="bob")

    assert list(ChatUser.objects.filter(deleted=True).values_list("user_id", "username")) == [
        (1002, "Deleted user"),
        (1003, "Deleted user"),
    ]


def test_the_deletion_delivered_twice_is_applied_once(events, users):
    event_id = uuid.uuid4()

    assert events.deliver(deletion_of(1002, "bob"), event_id=event_id) == [True]
    assert events.deliver(deletion_of(1002, "bob"), event_id=event_id) == [False]
