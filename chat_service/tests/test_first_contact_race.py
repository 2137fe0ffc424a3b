"""Two users writing to each other for the first time at the same moment share one conversation."""

import pytest

from chat_service.chat import services
from chat_service.chat.models import Conversation, Message
from chat_service.tests.conftest import race
from chat_service.tests.factories import ChatUserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_first_messages_land_in_one_conversation(attempt):
    ChatUserFactory(user_id=1001, username="alice")
    ChatUserFactory(user_id=1002, username="bob")

    outcomes = race(
        lambda: services.send_message(sender_id=1001, sender_username="alice", to="bob", body="Hi Bob"),
        lambda: services.send_message(sender_id=1002, sender_username="bob", to="alice", body="Hi Alice"),
    )

    assert all(isinstance(outcome, Message) for outcome in outcomes)
    conversation = Conversation.objects.get()
    assert Message.objects.filter(conversation=conversation).count() == 2
    assert conversation.last_message_id == max(outcome.pk for outcome in outcomes)
