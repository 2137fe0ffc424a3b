"""Marking a conversation read: every message to me in it gets ``read_at``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chat_service.chat import errors
from chat_service.chat.models import ChatUser, Conversation, Message
from common.events.catalog.chat import ConversationRead
from common.events.outbox import publish


@dataclass(frozen=True)
class ReadReceipt:
    """What a read changed: how many messages, up to which id (None when all were read already)."""

    conversation_id: int
    marked: int
    last_read_message_id: int | None
    read_at: datetime | None


def mark_conversation_read(*, user_id: int, conversation_id: int) -> ReadReceipt:
    """Mark every unread message to ``user_id`` in the conversation read.

    Publishes ``chat.conversation.read`` only when something changed: opening a read
    conversation again tells the other party nothing new.
    """
    with transaction.atomic():
        conversation = _locked_conversation(user_id, conversation_id)
        # The conversation lock keeps new messages out until this commits: none can be
        # marked read without having been seen.
        unread = Message.objects.filter(conversation=conversation, recipient_id=user_id, read_at__isnull=True)
        ids = list(unread.values_list("id", flat=True))
        if not ids:
            return ReadReceipt(conversation.pk, 0, None, None)
        now = timezone.now()
        Message.objects.filter(id__in=ids).update(read_at=now)
        reader, other = _parties(conversation, user_id)
        publish(
            ConversationRead(
                conversation_id=conversation.pk,
                reader_id=reader.user_id,
                reader_username=reader.username,
                other_party_id=other.user_id,
                last_read_message_id=max(ids),
                read_at=now,
            )
        )
        return ReadReceipt(conversation.pk, len(ids), max(ids), now)


def _locked_conversation(user_id: int, conversation_id: int) -> Conversation:
    conversation = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("user_low", "user_high")
        .filter(Q(user_low_id=user_id) | Q(user_high_id=user_id), pk=conversation_id)
        .first()
    )
    if conversation is None:
        raise errors.conversation_not_found()
    return conversation


def _parties(conversation: Conversation, user_id: int) -> tuple[ChatUser, ChatUser]:
    """(reader, other party)."""
    other = conversation.other_party(user_id)
    reader = conversation.user_low if other is conversation.user_high else conversation.user_high
    return reader, other
