"""The events chat publishes, built from stored rows (so they say what was committed)."""

from __future__ import annotations

from datetime import datetime

from chat_service.chat.models import Message, Offer
from common.events.catalog import chat as catalog


def message_sent(message: Message) -> catalog.MessageSent:
    offer = getattr(message, "offer", None)
    return catalog.MessageSent(
        message_id=message.pk,
        conversation_id=message.conversation_id,
        sender_id=message.sender_id,
        sender_username=message.sender.username,
        recipient_id=message.recipient_id,
        recipient_username=message.recipient.username,
        body=message.body,
        gig_id=message.gig_id,
        attachment_name=message.attachment_name or None,
        offer=offer_terms(offer) if offer is not None else None,
        sent_at=message.sent_at,
    )


def offer_terms(offer: Offer) -> catalog.Offer:
    return catalog.Offer(
        gig_id=offer.gig_id,
        gig_title=offer.gig_title,
        price=offer.price,
        description=offer.description,
        delivery_days=offer.delivery_days,
        status=offer.status,
    )


def offer_event(
    event_class: type[catalog.OfferEvent], offer: Offer, *, at: datetime, **extra: int
) -> catalog.OfferEvent:
    """``chat.offer.sent/accepted/cancelled``: the offer's parties and terms."""
    message = offer.message
    return event_class(
        message_id=message.pk,
        conversation_id=message.conversation_id,
        seller_id=message.sender_id,
        seller_username=message.sender.username,
        buyer_id=message.recipient_id,
        buyer_username=message.recipient.username,
        gig_id=offer.gig_id,
        gig_title=offer.gig_title,
        price=offer.price,
        description=offer.description,
        delivery_days=offer.delivery_days,
        occurred_at=at,
        **extra,
    )
