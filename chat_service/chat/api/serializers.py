"""Input and output serializers of the chat API, one pair per operation."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from chat_service.chat.models import MAX_BODY_LENGTH, MIN_OFFER_PRICE, ChatUser, Conversation, Message, Offer
from common.api.bounds import MAX_ID, MAX_PRICE, PRICE_DIGITS
from common.api.serializers import StrictSerializer

PREVIEW_LENGTH = 200


class OfferInput(StrictSerializer):
    gig_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    # A string or a number in JSON, always a Decimal here: prices never go through a float.
    # At most what a gig may cost: an accepted offer is always orderable (common/api/bounds.py).
    price = serializers.DecimalField(
        max_digits=PRICE_DIGITS, decimal_places=2, min_value=MIN_OFFER_PRICE, max_value=MAX_PRICE
    )
    description = serializers.CharField(max_length=2000)
    delivery_days = serializers.IntegerField(min_value=1, max_value=365)


class SendMessageInput(StrictSerializer):
    """JSON, or multipart when there is an attachment (``offer`` then travels as a JSON string)."""

    to = serializers.CharField(max_length=150, help_text="The recipient's username (any case).")
    body = serializers.CharField(max_length=MAX_BODY_LENGTH, required=False, allow_blank=True, default="")
    gig_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None)
    attachment = serializers.FileField(max_length=255, required=False, help_text="Multipart only.")
    offer = OfferInput(required=False, allow_null=True, default=None)

    def to_internal_value(self, data: Any) -> Any:
        if hasattr(data, "getlist"):  # a multipart QueryDict: one value per field
            data = {key: data.get(key) for key in data}
            if isinstance(data.get("offer"), str):
                data["offer"] = _json_object(data["offer"], "offer")
        return super().to_internal_value(data)


def _json_object(text: str, field: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise serializers.ValidationError({field: ["Must be a JSON object."]}) from None


class MessagesQuery(serializers.Serializer[Any]):
    """Query of the message list (besides ``page`` and ``page_size``)."""

    after = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, required=False, help_text="Only messages with a larger id (catching up)."
    )


class PartyOutput(serializers.ModelSerializer[ChatUser]):
    id = serializers.IntegerField(source="user_id")

    class Meta:
        model = ChatUser
        fields = ["id", "username"]


class AttachmentOutput(serializers.Serializer[Any]):
    name = serializers.CharField(source="attachment_name")
    size = serializers.IntegerField(source="attachment_size")
    content_type = serializers.CharField(source="attachment_content_type")
    url = serializers.SerializerMethodField(help_text="Download link (parties only), through the gateway.")

    def get_url(self, message: Message) -> str:
        path = reverse("chat:message-attachment", kwargs={"message_id": message.pk})
        return f"{settings.GATEWAY_URL}{path}"


class OfferOutput(serializers.ModelSerializer[Offer]):
    class Meta:
        model = Offer
        fields = ["gig_id", "gig_title", "price", "description", "delivery_days", "status", "decided_at"]


class MessageOutput(serializers.ModelSerializer[Message]):
    sender = PartyOutput()
    attachment = serializers.SerializerMethodField()
    offer = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "conversation_id", "sender", "body", "gig_id", "attachment", "offer", "sent_at", "read_at"]

    def get_attachment(self, message: Message) -> dict[str, Any] | None:
        return AttachmentOutput(message).data if message.has_attachment else None

    def get_offer(self, message: Message) -> dict[str, Any] | None:
        offer = getattr(message, "offer", None)
        return OfferOutput(offer).data if offer is not None else None


class LastMessageOutput(serializers.ModelSerializer[Message]):
    preview = serializers.SerializerMethodField(help_text=f"The body's first {PREVIEW_LENGTH} characters.")
    has_attachment = serializers.BooleanField()
    has_offer = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "sender_id", "preview", "has_attachment", "has_offer", "sent_at"]

    def get_preview(self, message: Message) -> str:
        return message.body[:PREVIEW_LENGTH]

    def get_has_offer(self, message: Message) -> bool:
        return getattr(message, "offer", None) is not None


class ConversationOutput(serializers.ModelSerializer[Conversation]):
    other_party = serializers.SerializerMethodField()
    last_message = LastMessageOutput(allow_null=True)
    unread_count = serializers.IntegerField(help_text="Messages to me not read yet.")

    class Meta:
        model = Conversation
        fields = ["id", "other_party", "last_message", "unread_count", "last_activity_at", "created_at"]

    def get_other_party(self, conversation: Conversation) -> dict[str, Any]:
        return PartyOutput(conversation.other_party(self.context["request"].user.id)).data


class ReadOutput(serializers.Serializer[Any]):
    conversation_id = serializers.IntegerField()
    marked = serializers.IntegerField(help_text="How many messages to me were unread and now are read.")
    last_read_message_id = serializers.IntegerField(allow_null=True)
    read_at = serializers.DateTimeField(allow_null=True)
