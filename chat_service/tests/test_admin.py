"""The admin lists conversations and messages, finds them by username, and edits nothing."""

import pytest

from chat_service.chat.models import Message
from chat_service.tests.factories import message

pytestmark = pytest.mark.django_db

CONVERSATIONS = "/admin/chat/conversation/"
MESSAGES = "/admin/chat/message/"


def test_the_admin_lists_conversations_and_finds_them_by_either_username(admin_client, users):
    message(users["alice"], users["bob"])
    message(users["charlie"], users["mallory"])

    assert admin_client.get(CONVERSATIONS).context["cl"].result_count == 2
    assert admin_client.get(CONVERSATIONS, {"q": "bob"}).context["cl"].result_count == 1
    assert admin_client.get(CONVERSATIONS, {"q": "mallory"}).context["cl"].result_count == 1


def test_a_conversation_page_shows_its_messages(admin_client, users):
    hello = message(users["alice"], users["bob"], "Hello there")

    page = admin_client.get(f"{CONVERSATIONS}{hello.conversation_id}/change/")

    assert page.status_code == 200
    assert b"Hello there" in page.content


def test_the_admin_finds_messages_by_username(admin_client, users):
    message(users["alice"], users["bob"], "to bob")
    message(users["charlie"], users["mallory"], "to mallory")

    listing = admin_client.get(MESSAGES, {"q": "charlie"})

    assert [m.body for m in listing.context["cl"].result_list] == ["to mallory"]


def test_messages_cannot_be_edited_or_added(admin_client, users):
    hello = message(users["alice"], users["bob"], "Original")

    page = admin_client.get(f"{MESSAGES}{hello.pk}/change/")
    admin_client.post(f"{MESSAGES}{hello.pk}/change/", {"body": "Forged"})

    assert page.status_code == 200
    assert b'name="body"' not in page.content
    assert Message.objects.get().body == "Original"
    assert admin_client.get(f"{MESSAGES}add/").status_code == 403
