"""The gateway's worker pushes each event to the groups of the people concerned, once, and learns contacts."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from common.events.catalog.chat import ConversationRead, MessageSent
from common.events.catalog.notifications import NotificationCreated
from common.events.catalog.orders import OrderCancelled, OrderPlaced
from common.redis import get_redis
from common.testing.events import deliver
from gateway_project.realtime.keys import contacts_key, user_group

pytestmark = pytest.mark.usefixtures("realtime")

NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
ALICE, BOB, CHARLIE, MALLORY = 1001, 1002, 1003, 1004
MESSAGE = MessageSent(
    message_id=11,
    conversation_id=5,
    sender_id=ALICE,
    sender_username="alice",
    recipient_id=BOB,
    recipient_username="bob",
    body="Can you do it by Friday?",
    gig_id=None,
    attachment_name=None,
    offer=None,
    sent_at=NOW,
)
ORDER = {
    "order_id": uuid.UUID("00000000-0000-0000-0000-00000000000a"),
    "gig_id": 3,
    "gig_title": "A logo",
    "buyer_id": ALICE,
    "buyer_username": "alice",
    "seller_id": BOB,
    "seller_username": "bob",
    "status": "in_progress",
    "price": Decimal("50.00"),
    "service_fee": Decimal("2.50"),
    "total": Decimal("52.50"),
    "due_at": NOW + timedelta(days=3),
    "occurred_at": NOW,
}


class Listener:
    """A channel-layer channel in the groups of some personas: what each of them would receive."""

    def __init__(self, *user_ids: int) -> None:
        self.layer = get_channel_layer()
        self.channels = {user_id: async_to_sync(self.layer.new_channel)() for user_id in user_ids}
        for user_id, channel in self.channels.items():
            async_to_sync(self.layer.group_add)(user_group(user_id), channel)

    def frames_of(self, user_id: int) -> list[dict]:
        """Every frame pushed to ``user_id`` so far."""
        return async_to_sync(self._drain)(self.channels[user_id])

    async def _drain(self, channel: str) -> list[dict]:
        frames = []
        while True:
            try:
                message = await asyncio.wait_for(self.layer.receive(channel), 0.3)
            except TimeoutError:
                return frames
            frames.append(message["frame"])


@pytest.fixture
def listener() -> Listener:
    return Listener(ALICE, BOB, CHARLIE, MALLORY)


def test_a_message_reaches_both_parties_and_nobody_else(listener):
    assert deliver(MESSAGE) == [True]

    expected = {"type": "chat.message", "data": MESSAGE.model_dump(mode="json")}
    assert listener.frames_of(ALICE) == [expected]  # the sender's other devices too
    assert listener.frames_of(BOB) == [expected]
    assert listener.frames_of(MALLORY) == []


def test_a_message_makes_its_parties_contacts_of_each_other():
    deliver(MESSAGE)

    assert get_redis().hgetall(contacts_key(ALICE)) == {b"1002": b"bob"}
    assert get_redis().hgetall(contacts_key(BOB)) == {b"1001": b"alice"}
    assert get_redis().exists(contacts_key(MALLORY)) == 0


def test_a_redelivered_event_is_pushed_once(listener):
    event_id = uuid.uuid4()

    assert deliver(MESSAGE, event_id=event_id) == [True]
    assert deliver(MESSAGE, event_id=event_id) == [False]

    assert len(listener.frames_of(BOB)) == 1


def test_a_read_reaches_the_other_party_only(listener):
    read = ConversationRead(
        conversation_id=5,
        reader_id=BOB,
        reader_username="bob",
        other_party_id=ALICE,
        last_read_message_id=11,
        read_at=NOW,
    )

    deliver(read)

    assert listener.frames_of(ALICE) == [
        {
            "type": "chat.read",
            "data": {
                "conversation_id": 5,
                "reader_id": BOB,
                "reader_username": "bob",
                "last_read_message_id": 11,
                "read_at": "2025-01-02T03:04:05Z",
            },
        }
    ]
    assert listener.frames_of(BOB) == []
    assert listener.frames_of(MALLORY) == []


def test_a_notification_reaches_its_user_only(listener):
    notification = NotificationCreated(
        notification_id=9,
        user_id=CHARLIE,
        kind="order",
        title="New order",
        body="Alice ordered",
        link="/orders/1",
        created_at=NOW,
    )

    deliver(notification)

    assert listener.frames_of(CHARLIE) == [
        {
            "type": "notification.created",
            "data": {
                "id": 9,
                "kind": "order",
                "title": "New order",
                "body": "Alice ordered",
                "link": "/orders/1",
                "created_at": "2025-01-02T03:04:05Z",
            },
        }
    ]
    assert listener.frames_of(ALICE) == listener.frames_of(MALLORY) == []


@pytest.mark.parametrize(
    ("event", "status", "what"),
    [
        (OrderPlaced(**ORDER), "in_progress", "placed"),
        (
            OrderCancelled(
                **{**ORDER, "status": "cancelled"},
                cancelled_by_id=ALICE,
                reason="Changed my mind",
                refunded=Decimal("52.50"),
            ),
            "cancelled",
            "cancelled",
        ),
    ],
    ids=["placed", "cancelled"],
)
def test_an_order_event_reaches_buyer_and_seller_only(listener, event, status, what):
    deliver(event)

    expected = {
        "type": "order.updated",
        "data": {
            "order_id": "00000000-0000-0000-0000-00000000000a",
            "status": status,
            "event": what,
            "gig_id": 3,
            "gig_title": "A logo",
            "occurred_at": "2025-01-02T03:04:05+00:00",
        },
    }
    assert listener.frames_of(ALICE) == [expected]
    assert listener.frames_of(BOB) == [expected]
    assert listener.frames_of(CHARLIE) == listener.frames_of(MALLORY) == []
