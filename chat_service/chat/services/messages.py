"""Sending a message: to a user by name, maybe about a gig, with an attachment or an offer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from chat_service.chat import attachments, errors
from chat_service.chat.models import ChatUser, Conversation, Gig, Message, Offer
from chat_service.chat.services.announcements import message_sent, offer_event
from common.events.catalog.chat import OfferSent
from common.events.outbox import publish

ATTACHMENTS_FOLDER = "chat/attachments"


@dataclass(frozen=True)
class OfferTerms:
    """What a seller offers: a price (≥ 5.00, validated by the API) and terms for one of their gigs."""

    gig_id: int
    price: Decimal
    description: str
    delivery_days: int


@dataclass(frozen=True)
class Draft:
    """A message that passed every check, ready to be stored."""

    recipient: ChatUser
    body: str
    gig_id: int | None
    gig: Gig | None
    offer: OfferTerms | None
    attachment: attachments.Inspected | None


def send_message(
    *,
    sender_id: int,
    sender_username: str,
    to: str,
    body: str = "",
    gig_id: int | None = None,
    attachment: UploadedFile | None = None,
    offer: OfferTerms | None = None,
) -> Message:
    """Store a message from the signed-in user to ``to`` and announce it (``chat.message.sent``).

    Creates the pair's conversation on first contact. Every check runs before anything is
    written; the attachment is stored first and removed again if the message is not.
    """
    draft = _check(sender_id, sender_username, to, body, gig_id, attachment, offer)
    path = _store(attachment, draft.attachment) if attachment and draft.attachment else ""
    try:
        return _record(sender_id, sender_username, draft, path)
    except BaseException:
        if path:
            default_storage.delete(path)
        raise


def _check(
    sender_id: int,
    sender_username: str,
    to: str,
    body: str,
    gig_id: int | None,
    attachment: UploadedFile | None,
    offer: OfferTerms | None,
) -> Draft:
    recipient = _recipient(sender_id, sender_username, to)
    if not body and attachment is None and offer is None:
        raise errors.invalid("body", "Write something, attach a file or make an offer.", errors.EMPTY_MESSAGE)
    gig = _offered_gig(sender_id, gig_id, offer) if offer else _mentioned_gig(gig_id)
    inspected = attachments.inspect(attachment) if attachment is not None else None
    about = offer.gig_id if offer else gig_id
    return Draft(recipient, body, about, gig, offer, inspected)


def _recipient(sender_id: int, sender_username: str, to: str) -> ChatUser:
    if to.casefold() == sender_username.casefold():
        raise errors.invalid("to", "You cannot message yourself.", errors.CANNOT_MESSAGE_YOURSELF)
    recipient = ChatUser.objects.filter(username__iexact=to, deleted=False).first()
    if recipient is None:
        raise errors.invalid("to", "No user has this username.", errors.UNKNOWN_USER)
    if recipient.user_id == sender_id:
        raise errors.invalid("to", "You cannot message yourself.", errors.CANNOT_MESSAGE_YOURSELF)
    return recipient


def _mentioned_gig(gig_id: int | None) -> Gig | None:
    if gig_id is None:
        return None
    gig = Gig.objects.filter(gig_id=gig_id, deleted=False).first()
    if gig is None:
        raise errors.invalid("gig_id", "No such gig.", errors.UNKNOWN_GIG)
    return gig


def _offered_gig(sender_id: int, gig_id: int | None, offer: OfferTerms) -> Gig:
    if gig_id is not None and gig_id != offer.gig_id:
        raise errors.invalid("gig_id", "Must be the gig of the offer.", errors.GIG_MISMATCH)
    gig = Gig.objects.filter(gig_id=offer.gig_id, deleted=False).first()
    if gig is None:
        raise errors.invalid("offer", "No such gig.", errors.UNKNOWN_GIG)
    if gig.seller_id != sender_id:
        raise errors.not_your_gig()
    if not gig.active:
        raise errors.invalid("offer", "The gig is paused: resume it to make offers on it.", errors.GIG_NOT_ACTIVE)
    return gig


def _store(upload: UploadedFile, inspected: attachments.Inspected) -> str:
    # A random name: the client's name is data to show, never a path to write to.
    return default_storage.save(f"{ATTACHMENTS_FOLDER}/{uuid.uuid4().hex}{inspected.extension}", upload)


def _record(sender_id: int, sender_username: str, draft: Draft, path: str) -> Message:
    with transaction.atomic():
        # A token is proof enough of an account: a sender whose registration event has not
        # reached chat yet (or predates it) is added from the token's claims.
        sender, _ = ChatUser.objects.get_or_create(user_id=sender_id, defaults={"username": sender_username})
        conversation = _locked_conversation(sender, draft.recipient)
        message = Message.objects.create(
            conversation=conversation,
            sender=sender,
            recipient=draft.recipient,
            body=draft.body,
            gig_id=draft.gig_id,
            sent_at=timezone.now(),
            **_attachment_fields(draft.attachment, path),
        )
        offer = _create_offer(message, draft) if draft.offer else None
        conversation.last_message = message
        conversation.last_activity_at = message.sent_at
        conversation.save(update_fields=["last_message", "last_activity_at"])
        publish(message_sent(message))
        if offer is not None:
            publish(offer_event(OfferSent, offer, at=message.sent_at))
        return message


def _locked_conversation(sender: ChatUser, recipient: ChatUser) -> Conversation:
    """The pair's conversation, created on first contact, locked until the transaction ends.

    The lock serialises the messages of one conversation, so ids are given out in commit
    order there: a client that catches up with ``?after=<id>`` cannot miss a message that
    was still being written when it last looked.
    """
    low, high = sorted((sender, recipient), key=lambda user: user.user_id)
    conversation, _ = Conversation.objects.get_or_create(user_low=low, user_high=high)
    return Conversation.objects.select_for_update().get(pk=conversation.pk)


def _attachment_fields(inspected: attachments.Inspected | None, path: str) -> dict[str, object]:
    if inspected is None:
        return {}
    return {
        "attachment_path": path,
        "attachment_name": inspected.original_name,
        "attachment_size": inspected.size,
        "attachment_content_type": inspected.content_type,
    }


def _create_offer(message: Message, draft: Draft) -> Offer:
    assert draft.offer is not None and draft.gig is not None
    return Offer.objects.create(
        message=message,
        gig_id=draft.gig.gig_id,
        gig_title=draft.gig.title,
        price=draft.offer.price,
        description=draft.offer.description,
        delivery_days=draft.offer.delivery_days,
    )
