"""``POST /api/v1/messages``: a text message to a user by name, in the pair's one conversation."""

import pytest

from chat_service.chat.models import ChatUser, Conversation, Message
from chat_service.tests.conftest import MESSAGES, published_types, send
from chat_service.tests.factories import GigFactory
from common.events.catalog.chat import MessageSent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("users")]


def test_a_message_is_stored_and_returned(api_client_as):
    response = send(api_client_as("alice"), to="bob", body="Hi Bob, can you draw a fox?")

    assert response.status_code == 201
    message = Message.objects.get()
    body = response.json()
    assert body == {
        "id": message.pk,
        "conversation_id": message.conversation_id,
        "sender": {"id": 1001, "username": "alice"},
        "body": "Hi Bob, can you draw a fox?",
        "gig_id": None,
        "attachment": None,
        "offer": None,
        "sent_at": message.sent_at.isoformat().replace("+00:00", "Z"),
        "read_at": None,
    }
    assert (message.sender_id, message.recipient_id) == (1001, 1002)


def test_the_message_is_announced_in_the_transaction_that_stores_it(api_client_as, events):
    response = send(api_client_as("alice"), to="bob", body="Hi")

    [announced] = events.published(MessageSent)
    assert announced == MessageSent(
        message_id=response.json()["id"],
        conversation_id=response.json()["conversation_id"],
        sender_id=1001,
        sender_username="alice",
        recipient_id=1002,
        recipient_username="bob",
        body="Hi",
        gig_id=None,
        attachment_name=None,
        offer=None,
        sent_at=Message.objects.get().sent_at,
    )


def test_first_contact_creates_the_conversation_and_later_messages_either_way_join_it(api_client_as):
    first = send(api_client_as("alice"), to="bob", body="Hi").json()
    reply = send(api_client_as("bob"), to="alice", body="Hello").json()

    assert first["conversation_id"] == reply["conversation_id"]
    conversation = Conversation.objects.get()
    assert (conversation.user_low_id, conversation.user_high_id) == (1001, 1002)
    assert conversation.last_message_id == reply["id"]


def test_one_conversation_per_pair_whatever_the_gig(api_client_as):
    GigFactory(gig_id=11, seller_id=1002)
    GigFactory(gig_id=12, seller_id=1002)

    about_one = send(api_client_as("alice"), to="bob", body="About the logo", gig_id=11).json()
    about_other = send(api_client_as("alice"), to="bob", body="About the banner", gig_id=12).json()

    assert about_one["conversation_id"] == about_other["conversation_id"]
    assert (about_one["gig_id"], about_other["gig_id"]) == (11, 12)


def test_the_recipient_is_found_whatever_the_case(api_client_as):
    response = send(api_client_as("alice"), to="BoB", body="Hi")

    assert response.status_code == 201
    assert Message.objects.get().recipient_id == 1002


def test_a_sender_chat_has_not_heard_of_yet_is_added_from_the_token(api_client_as):
    ChatUser.objects.filter(username="charlie").delete()

    response = send(api_client_as("charlie"), to="alice", body="Hi")

    assert response.status_code == 201
    assert ChatUser.objects.get(user_id=1003).username == "charlie"


def test_surrounding_whitespace_is_trimmed(api_client_as):
    response = send(api_client_as("alice"), to="bob", body="  Hi  \n")

    assert response.json()["body"] == "Hi"


@pytest.mark.parametrize(
    ("body", "status", "code", "fields"),
    [
        ({"to": "bob"}, 400, "empty_message", {"body": ["Write something, attach a file or make an offer."]}),
        (
            {"to": "bob", "body": "   "},
            400,
            "empty_message",
            {"body": ["Write something, attach a file or make an offer."]},
        ),
        ({"to": "alice", "body": "Hi me"}, 400, "cannot_message_yourself", {"to": ["You cannot message yourself."]}),
        ({"to": "ALICE", "body": "Hi me"}, 400, "cannot_message_yourself", {"to": ["You cannot message yourself."]}),
        ({"to": "nobody", "body": "Hi"}, 400, "unknown_user", {"to": ["No user has this username."]}),
        ({"to": "bob", "body": "Hi", "gig_id": 404}, 400, "unknown_gig", {"gig_id": ["No such gig."]}),
        ({"body": "Hi"}, 400, "invalid", {"to": ["This field is required."]}),
        ({"to": "", "body": "Hi"}, 400, "invalid", {"to": ["This field may not be blank."]}),
        (
            {"to": "b" * 151, "body": "Hi"},
            400,
            "invalid",
            {"to": ["Ensure this field has no more than 150 characters."]},
        ),
        (
            {"to": "bob", "body": "x" * 5001},
            400,
            "invalid",
            {"body": ["Ensure this field has no more than 5000 characters."]},
        ),
        ({"to": "bob", "body": "Hi", "gig_id": "x"}, 400, "invalid", {"gig_id": ["A valid integer is required."]}),
        (
            {"to": "bob", "body": "Hi", "gig_id": 0},
            400,
            "invalid",
            {"gig_id": ["Ensure this value is greater than or equal to 1."]},
        ),
        ({"to": "bob", "body": "Hi", "urgent": True}, 400, "invalid", {"urgent": ["Unknown field."]}),
        ({"to": "bob", "body": ["Hi"]}, 400, "invalid", {"body": ["Not a valid string."]}),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(api_client_as, body, status, code, fields):
    response = send(api_client_as("alice"), **body)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["fields"] == fields
    assert (Conversation.objects.count(), Message.objects.count()) == (0, 0)
    assert published_types() == []


def test_a_deleted_gig_cannot_be_talked_about(api_client_as):
    GigFactory(gig_id=11, seller_id=1002, deleted=True)

    response = send(api_client_as("alice"), to="bob", body="Hi", gig_id=11)

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_gig"


def test_malformed_json_is_a_400(api_client_as):
    response = api_client_as("alice").post(MESSAGES, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "malformed_request"
    assert Message.objects.count() == 0


def test_an_anonymous_request_is_refused(api_client):
    response = send(api_client, to="bob", body="Hi")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert Message.objects.count() == 0


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client):
    response = send(unsigned_client, to="bob", body="Hi")

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert Message.objects.count() == 0
    assert published_types() == []
