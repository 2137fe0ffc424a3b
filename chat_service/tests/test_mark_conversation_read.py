"""``POST /api/v1/conversations/{id}/read``: every message to me in it is read (``chat.conversation.read``)."""

import pytest
from django.utils import timezone

from chat_service.chat.models import Message
from chat_service.tests.conftest import post, published_types
from chat_service.tests.factories import message
from common.events.catalog.chat import ConversationRead

pytestmark = pytest.mark.django_db


def url(conversation_id: int) -> str:
    return f"/api/v1/conversations/{conversation_id}/read"


@pytest.fixture
def chat(users):
    """bob wrote alice twice, alice answered once; nothing read."""
    return [
        message(users["bob"], users["alice"], "Hi"),
        message(users["bob"], users["alice"], "A fox?"),
        message(users["alice"], users["bob"], "Yes"),
    ]


def unread_ids() -> list[int]:
    return list(Message.objects.filter(read_at__isnull=True).order_by("id").values_list("id", flat=True))


def test_the_messages_to_me_are_marked_read_and_mine_stay_unread(api_client_as, chat):
    response = post(api_client_as("alice"), url(chat[0].conversation_id))

    assert response.status_code == 200
    read_at = Message.objects.get(pk=chat[0].pk).read_at
    assert response.json() == {
        "conversation_id": chat[0].conversation_id,
        "marked": 2,
        "last_read_message_id": chat[1].pk,
        "read_at": read_at.isoformat().replace("+00:00", "Z"),
    }
    assert unread_ids() == [chat[2].pk]


def test_the_read_is_announced_to_the_other_party(api_client_as, events, chat):
    post(api_client_as("alice"), url(chat[0].conversation_id))

    assert events.published(ConversationRead) == [
        ConversationRead(
            conversation_id=chat[0].conversation_id,
            reader_id=1001,
            reader_username="alice",
            other_party_id=1002,
            last_read_message_id=chat[1].pk,
            read_at=Message.objects.get(pk=chat[0].pk).read_at,
        )
    ]


def test_reading_again_changes_nothing_and_announces_nothing(api_client_as, chat):
    post(api_client_as("alice"), url(chat[0].conversation_id))
    first_read = Message.objects.get(pk=chat[0].pk).read_at

    again = post(api_client_as("alice"), url(chat[0].conversation_id))

    assert again.json() == {
        "conversation_id": chat[0].conversation_id,
        "marked": 0,
        "last_read_message_id": None,
        "read_at": None,
    }
    assert Message.objects.get(pk=chat[0].pk).read_at == first_read
    assert published_types() == ["chat.conversation.read"]


def test_only_the_new_messages_are_marked_the_next_time(api_client_as, chat, users):
    earlier = timezone.now() - timezone.timedelta(hours=1)
    Message.objects.filter(pk=chat[0].pk).update(read_at=earlier)

    response = post(api_client_as("alice"), url(chat[0].conversation_id))

    assert response.json()["marked"] == 1
    assert Message.objects.get(pk=chat[0].pk).read_at == earlier


def test_a_stranger_gets_a_404_and_nothing_is_read(api_client_as, chat):
    response = post(api_client_as("mallory"), url(chat[0].conversation_id))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert len(unread_ids()) == 3
    assert published_types() == []


def test_a_body_with_unknown_fields_is_refused(api_client_as, chat):
    response = post(api_client_as("alice"), url(chat[0].conversation_id), {"up_to": 3})

    assert response.status_code == 400
    assert response.json()["fields"] == {"up_to": ["Unknown field."]}
    assert len(unread_ids()) == 3
    assert published_types() == []


def test_an_anonymous_request_is_refused(api_client, chat):
    response = post(api_client, url(chat[0].conversation_id))

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, chat):
    response = post(unsigned_client, url(chat[0].conversation_id))

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert len(unread_ids()) == 3
