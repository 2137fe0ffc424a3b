"""``GET /api/v1/conversations``: my conversations, newest activity first, with unread counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chat_service.tests.factories import ChatUserFactory, GigFactory, message, offer

pytestmark = pytest.mark.django_db

URL = "/api/v1/conversations"


def test_i_see_my_conversations_with_the_other_party_last_message_and_unread_count(api_client_as, users):
    u = users
    message(u["bob"], u["alice"], "Hi Alice")
    message(u["bob"], u["alice"], "Are you there?")
    last = message(u["alice"], u["bob"], "Yes!")
    message(u["charlie"], u["alice"], "Hello from Charlie")

    response = api_client_as("alice").get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [c["other_party"] for c in body["results"]] == [
        {"id": 1003, "username": "charlie"},
        {"id": 1002, "username": "bob"},
    ]
    assert [c["unread_count"] for c in body["results"]] == [1, 2]
    assert body["results"][1]["last_message"] == {
        "id": last.pk,
        "sender_id": 1001,
        "preview": "Yes!",
        "has_attachment": False,
        "has_offer": False,
        "sent_at": last.sent_at.isoformat().replace("+00:00", "Z"),
    }


def test_the_other_party_sees_the_same_conversation_from_their_side(api_client_as, users):
    message(users["bob"], users["alice"], "Hi Alice")

    [conversation] = api_client_as("bob").get(URL).json()["results"]

    assert conversation["other_party"] == {"id": 1001, "username": "alice"}
    assert conversation["unread_count"] == 0


def test_a_new_message_moves_its_conversation_to_the_top(api_client_as, users):
    old = message(users["bob"], users["alice"], "Old")
    old.conversation.last_activity_at = timezone.now() - timedelta(days=2)
    old.conversation.save()
    message(users["charlie"], users["alice"], "Newer")
    message(users["bob"], users["alice"], "Newest")

    results = api_client_as("alice").get(URL).json()["results"]

    assert [c["other_party"]["username"] for c in results] == ["bob", "charlie"]


def test_read_messages_are_not_counted_as_unread(api_client_as, users):
    message(users["bob"], users["alice"], read_at=timezone.now())

    [conversation] = api_client_as("alice").get(URL).json()["results"]

    assert conversation["unread_count"] == 0


def test_an_offer_shows_in_the_last_message_summary(api_client_as, users, bobs_gig):
    offer(users["bob"], users["alice"], bobs_gig)

    [conversation] = api_client_as("alice").get(URL).json()["results"]

    assert (conversation["last_message"]["preview"], conversation["last_message"]["has_offer"]) == ("", True)


def test_the_preview_is_the_start_of_a_long_body(api_client_as, users):
    message(users["bob"], users["alice"], "x" * 1000)

    [conversation] = api_client_as("alice").get(URL).json()["results"]

    assert conversation["last_message"]["preview"] == "x" * 200


def test_the_list_is_paginated(api_client_as, users):
    for n in range(3):
        message(ChatUserFactory(user_id=3000 + n), users["alice"])

    page = api_client_as("alice").get(URL, {"page_size": 2, "page": 2}).json()

    assert (page["count"], len(page["results"])) == (3, 1)
    assert page["previous"] is not None and page["next"] is None


def test_the_list_takes_the_same_few_queries_however_many_conversations(
    api_client_as, users, django_assert_max_num_queries
):
    for n in range(30):
        other = ChatUserFactory(user_id=3000 + n)
        message(other, users["alice"], f"Hi {n}")
        offer(other, users["alice"], GigFactory(seller_id=other.user_id))

    with django_assert_max_num_queries(3):
        response = api_client_as("alice").get(URL, {"page_size": 30})

    assert len(response.json()["results"]) == 30
    assert {c["unread_count"] for c in response.json()["results"]} == {2}


def test_a_stranger_sees_none_of_them(api_client_as, users):
    message(users["bob"], users["alice"])

    assert api_client_as("mallory").get(URL).json()["count"] == 0


def test_an_anonymous_request_is_refused(api_client, users):
    response = api_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, users):
    response = unsigned_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
