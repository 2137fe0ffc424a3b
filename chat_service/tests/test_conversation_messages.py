"""``GET /api/v1/conversations/{id}/messages``: the messages, oldest first, for the parties only."""

import pytest

from chat_service.tests.factories import message, offer

pytestmark = pytest.mark.django_db


def url(conversation_id: int) -> str:
    return f"/api/v1/conversations/{conversation_id}/messages"


@pytest.fixture
def chat(users):
    """Four messages between alice and bob."""
    return [
        message(users["alice"], users["bob"], "Hi"),
        message(users["bob"], users["alice"], "Hello"),
        message(users["alice"], users["bob"], "A fox?"),
        message(users["bob"], users["alice"], "Sure"),
    ]


@pytest.mark.parametrize("party", ["alice", "bob"])
def test_both_parties_read_the_messages_oldest_first(api_client_as, chat, party):
    response = api_client_as(party).get(url(chat[0].conversation_id))

    assert response.status_code == 200
    assert response.json()["count"] == 4
    assert [m["body"] for m in response.json()["results"]] == ["Hi", "Hello", "A fox?", "Sure"]
    assert response.json()["results"][1]["sender"] == {"id": 1002, "username": "bob"}


def test_after_returns_only_the_messages_a_reconnecting_client_missed(api_client_as, chat):
    response = api_client_as("alice").get(url(chat[0].conversation_id), {"after": chat[1].pk})

    assert [m["id"] for m in response.json()["results"]] == [chat[2].pk, chat[3].pk]


def test_after_the_last_message_there_is_nothing(api_client_as, chat):
    response = api_client_as("alice").get(url(chat[0].conversation_id), {"after": chat[3].pk})

    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_the_messages_are_paginated(api_client_as, chat):
    page = api_client_as("alice").get(url(chat[0].conversation_id), {"page_size": 3, "page": 2}).json()

    assert [m["body"] for m in page["results"]] == ["Sure"]


def test_the_messages_of_another_conversation_are_not_included(api_client_as, chat, users):
    message(users["charlie"], users["alice"], "Elsewhere")

    response = api_client_as("alice").get(url(chat[0].conversation_id))

    assert "Elsewhere" not in [m["body"] for m in response.json()["results"]]


def test_messages_with_offers_take_the_same_few_queries(api_client_as, users, bobs_gig, django_assert_max_num_queries):
    for _ in range(20):
        conversation_id = offer(users["bob"], users["alice"], bobs_gig).message.conversation_id
        message(users["alice"], users["bob"], "Thanks")

    with django_assert_max_num_queries(3):
        response = api_client_as("alice").get(url(conversation_id), {"page_size": 40})

    assert len(response.json()["results"]) == 40


@pytest.mark.parametrize("after", ["x", "-1", "1.5"])
def test_a_bad_after_is_a_400(api_client_as, chat, after):
    response = api_client_as("alice").get(url(chat[0].conversation_id), {"after": after})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["after"]


def test_a_stranger_gets_a_404(api_client_as, chat):
    response = api_client_as("mallory").get(url(chat[0].conversation_id))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_unknown_conversation_is_a_404(api_client_as, users):
    assert api_client_as("alice").get(url(999999)).status_code == 404


def test_an_anonymous_request_is_refused(api_client, chat):
    response = api_client.get(url(chat[0].conversation_id))

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, chat):
    response = unsigned_client.get(url(chat[0].conversation_id))

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
