"""Deciding an offer: the buyer accepts it, either party cancels it, once.

The offer row is locked first, so an accept and a cancel racing each other are applied
one after the other: the second finds the offer no longer pending and gets a 409.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chat_service.chat import errors
from chat_service.chat.models import Gig, Message, Offer
from chat_service.chat.services.announcements import offer_event
from common.events.catalog.chat import OfferAccepted, OfferCancelled
from common.events.outbox import publish


def accept_offer(*, user_id: int, message_id: int) -> Message:
    """The buyer accepts a pending offer (``chat.offer.accepted``); they may then order from it."""
    with transaction.atomic():
        offer = _locked_offer(user_id, message_id)
        if offer.seller_id == user_id:
            raise errors.only_buyer_can_accept()
        _require_pending(offer)
        if Gig.objects.filter(gig_id=offer.gig_id, deleted=True).exists():
            raise errors.gig_unavailable()
        decided_at = _decide(offer, Offer.Status.ACCEPTED)
        publish(offer_event(OfferAccepted, offer, at=decided_at))
        return offer.message


def cancel_offer(*, user_id: int, message_id: int) -> Message:
    """Either party cancels a pending offer (``chat.offer.cancelled``)."""
    with transaction.atomic():
        offer = _locked_offer(user_id, message_id)
        _require_pending(offer)
        decided_at = _decide(offer, Offer.Status.CANCELLED, cancelled_by_id=user_id)
        publish(offer_event(OfferCancelled, offer, at=decided_at, cancelled_by_id=user_id))
        return offer.message


def _locked_offer(user_id: int, message_id: int) -> Offer:
    """The offer of a message ``user_id`` is a party to, locked; 404 for anyone else or no offer."""
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("message__sender", "message__recipient")
        .filter(Q(message__sender_id=user_id) | Q(message__recipient_id=user_id), message_id=message_id)
        .first()
    )
    if offer is None:
        raise errors.message_not_found()
    return offer


def _require_pending(offer: Offer) -> None:
    if offer.status != Offer.Status.PENDING:
        raise errors.offer_not_pending(offer.status)


def _decide(offer: Offer, status: Offer.Status, *, cancelled_by_id: int | None = None) -> datetime:
    """Record the decision; its time."""
    decided_at = timezone.now()
    offer.status = status
    offer.decided_at = decided_at
    offer.cancelled_by_id = cancelled_by_id
    offer.save(update_fields=["status", "decided_at", "cancelled_by_id"])
    return decided_at
