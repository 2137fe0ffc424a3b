"""``auth.user.registered`` adds the account to chat's directory (so it can be messaged by name)."""

import uuid

import pytest
from django.db import IntegrityError

from chat_service.chat.models import ChatUser
from chat_service.tests.factories import ChatUserFactory
from common.events.catalog.auth import UserRegistered
from common.events.inbox.models import InboxEntry

pytestmark = pytest.mark.django_db

HANDLER = "chat_service.chat.handlers.add_user_to_directory"


def registration(user_id: int = 7, username: str = "dora") -> UserRegistered:
    return UserRegistered(user_id=user_id, username=username, email=f"{username}@example.com", country="Peru")


def directory() -> list[tuple[int, str]]:
    return list(ChatUser.objects.values_list("user_id", "username"))


def test_a_registration_adds_the_user(events):
    assert events.deliver(registration()) == [True]

    assert directory() == [(7, "dora")]


def test_the_same_event_delivered_twice_is_applied_once(events):
    event_id = uuid.uuid4()

    assert events.deliver(registration(), event_id=event_id) == [True]
    assert events.deliver(registration(), event_id=event_id) == [False]

    assert directory() == [(7, "dora")]
    assert list(InboxEntry.objects.values_list("event_id", "handler")) == [(event_id, HANDLER)]


def test_an_account_already_known_from_its_token_is_left_as_it_is(events):
    ChatUserFactory(user_id=7, username="dora")

    assert events.deliver(registration()) == [True]

    assert directory() == [(7, "dora")]


def test_a_username_another_account_holds_in_any_case_fails_and_is_retried(events):
    ChatUserFactory(user_id=8, username="DORA")

    with pytest.raises(IntegrityError, match="chat_user_username_ci_unique"):
        events.deliver(registration())

    assert directory() == [(8, "DORA")]
    assert InboxEntry.objects.count() == 0


def test_a_registered_user_can_be_messaged(events, api_client_as):
    events.deliver(registration(user_id=1002, username="bob"))

    response = api_client_as("alice").post("/api/v1/messages", {"to": "bob", "body": "Hi"}, format="json")

    assert response.status_code == 201
