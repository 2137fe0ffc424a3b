"""Events the chat service publishes.

A message is stored before it is announced: the event is written to the outbox in the
transaction that stores the message. The gateway pushes messages and reads to the two
parties in real time; notifications mails offers; orders keeps accepted offers to price
an order from them.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from common.events.base import Event
from common.events.catalog.money import Money, Username


class Offer(BaseModel):
    """A custom offer inside a message: the seller's price and terms for one gig."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    gig_id: int
    gig_title: str = Field(max_length=120)
    price: Money
    description: str = Field(max_length=2000)
    delivery_days: int = Field(ge=1, le=365)
    status: str = Field(pattern=r"^(pending|accepted|cancelled)$")


class MessageSent(Event):
    """A message was stored (consumers: the gateway pushes it to both parties; notifications tells a recipient who is away)."""

    type = "chat.message.sent"

    message_id: int
    conversation_id: int
    sender_id: int
    sender_username: Username
    recipient_id: int
    recipient_username: Username
    body: str = Field(max_length=5000)
    gig_id: int | None
    attachment_name: str | None = Field(max_length=255)
    offer: Offer | None
    sent_at: datetime


class ConversationRead(Event):
    """``reader_id`` read every message sent to them in the conversation up to ``last_read_message_id``.

    Consumers: the gateway shows the sender the read receipt; notifications drops the email of messages read.
    """

    type = "chat.conversation.read"

    conversation_id: int
    reader_id: int
    reader_username: Username
    other_party_id: int
    last_read_message_id: int
    read_at: datetime


class OfferEvent(Event):
    """An offer's parties and terms (the seller makes offers, the buyer accepts them)."""

    message_id: int
    conversation_id: int
    seller_id: int
    seller_username: Username
    buyer_id: int
    buyer_username: Username
    gig_id: int
    gig_title: str = Field(max_length=120)
    price: Money
    description: str = Field(max_length=2000)
    delivery_days: int = Field(ge=1, le=365)
    occurred_at: datetime


class OfferSent(OfferEvent):
    """A seller sent a buyer a custom offer (consumer: notifications mails the buyer)."""

    type = "chat.offer.sent"


class OfferAccepted(OfferEvent):
    """The buyer accepted an offer (consumers: orders may now be placed from it; notifications mails the seller)."""

    type = "chat.offer.accepted"


class OfferCancelled(OfferEvent):
    """Either party cancelled a pending offer (consumer: notifications mails the other party)."""

    type = "chat.offer.cancelled"

    cancelled_by_id: int
