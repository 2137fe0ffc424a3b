"""Read use-cases of the chat service. Only parties see a conversation: anyone else gets a 404."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from chat_service.chat import errors
from chat_service.chat.models import Conversation, Message


def _of_party(user_id: int) -> Q:
    return Q(user_low_id=user_id) | Q(user_high_id=user_id)


def conversations_of(*, user_id: int) -> QuerySet[Conversation]:
    """The user's conversations, newest activity first, each with ``unread_count`` (one query)."""
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), recipient_id=user_id, read_at__isnull=True)
        .order_by()
        .values("conversation")
        .annotate(count=Count("id"))
        .values("count")
    )
    return (
        Conversation.objects.filter(_of_party(user_id))
        .select_related("user_low", "user_high", "last_message__offer")
        .annotate(unread_count=Coalesce(Subquery(unread), 0))
        .order_by("-last_activity_at", "-id")
    )


def conversation_of(*, user_id: int, conversation_id: int) -> Conversation:
    """One of the user's conversations; 404 when it is not theirs."""
    conversation = Conversation.objects.filter(_of_party(user_id), pk=conversation_id).first()
    if conversation is None:
        raise errors.conversation_not_found()
    return conversation


def messages_of(*, user_id: int, conversation_id: int, after: int | None = None) -> QuerySet[Message]:
    """The conversation's messages, oldest first; with ``after`` only those with a larger id."""
    conversation = conversation_of(user_id=user_id, conversation_id=conversation_id)
    messages = Message.objects.filter(conversation=conversation).select_related("sender", "offer").order_by("id")
    return messages if after is None else messages.filter(id__gt=after)


def attachment_of(*, user_id: int, message_id: int) -> Message:
    """A message with an attachment in one of the user's conversations; 404 otherwise."""
    party = Q(sender_id=user_id) | Q(recipient_id=user_id)
    message = Message.objects.filter(party, pk=message_id).exclude(attachment_path="").first()
    if message is None:
        raise errors.message_not_found()
    return message
