"""Input and output serializers of the notifications API, one pair per operation."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from common.api.serializers import StrictSerializer
from notifications_service.notifications.models import Notification


class JSONBoolean(serializers.BooleanField):
    """Only ``true`` or ``false`` (DRF would also take "yes", 1 or "on")."""

    default_error_messages = {"invalid": "Must be true or false."}

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class ListQuery(serializers.Serializer[Any]):
    """Query of the list (besides ``page`` and ``page_size``)."""

    unread = serializers.BooleanField(required=False, default=False, help_text="Only unread notifications.")


class NotificationOutput(serializers.ModelSerializer[Notification]):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "link", "created_at", "read_at"]
        read_only_fields = fields


class MarkedReadOutput(serializers.Serializer[Any]):
    marked = serializers.IntegerField(help_text="How many notifications were unread and now are read.")


class PreferencesInput(StrictSerializer):
    """Either choice, both or none (a merge patch: one left out stays as it was, ``{}`` changes nothing)."""

    non_essential_email = JSONBoolean(
        required=False, help_text="Receive emails that are not about your account or orders."
    )
    message_email = JSONBoolean(
        required=False,
        help_text="Receive one email per conversation about chat messages left unread while you were away.",
    )


class PreferencesOutput(serializers.Serializer[Any]):
    non_essential_email = serializers.BooleanField()
    message_email = serializers.BooleanField()
