"""factory_boy factories of the chat service, and a helper to put messages in conversations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from chat_service.chat.models import ChatUser, Conversation, Gig, Message, Offer


class ChatUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChatUser
        django_get_or_create = ["user_id"]

    user_id = factory.Sequence(lambda n: 7000 + n)
    username = factory.LazyAttribute(lambda o: f"user{o.user_id}")


class GigFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gig

    gig_id = factory.Sequence(lambda n: 900 + n)
    seller_id = 1002
    title = factory.Sequence(lambda n: f"Gig {n}")
    price = Decimal("50.00")
    active = True
    changed_at = factory.LazyFunction(timezone.now)


def conversation_between(a: ChatUser, b: ChatUser) -> Conversation:
    low, high = sorted((a, b), key=lambda user: user.user_id)
    conversation, _ = Conversation.objects.get_or_create(user_low=low, user_high=high)
    return conversation


def message(sender: ChatUser, recipient: ChatUser, body: str = "Hello", **fields: Any) -> Message:
    """A stored message from ``sender`` to ``recipient``, as the last of their conversation."""
    conversation = conversation_between(sender, recipient)
    stored = Message.objects.create(conversation=conversation, sender=sender, recipient=recipient, body=body, **fields)
    conversation.last_message = stored
    conversation.last_activity_at = stored.sent_at
    conversation.save()
    return stored


def offer(seller: ChatUser, buyer: ChatUser, gig: Gig, **fields: Any) -> Offer:
    """A pending offer from ``seller`` to ``buyer`` on ``gig``, in a body-less message."""
    terms = {"price": Decimal("120.00"), "description": "Three logo concepts", "delivery_days": 5, **fields}
    carrier = message(seller, buyer, body="", gig_id=gig.gig_id)
    return Offer.objects.create(message=carrier, gig_id=gig.gig_id, gig_title=gig.title, **terms)
