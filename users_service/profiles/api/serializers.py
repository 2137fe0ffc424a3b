"""Input and output serializers of the buyers API, one per operation."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api import images
from common.api.serializers import ErrorOutput as ErrorOutput  # the one error body, for the views
from common.api.serializers import StrictSerializer
from users_service.profiles.models import BuyerProfile

AVATAR_URL_HELP = "Where the profile picture is served; null when the account has none."


@extend_schema_field({"type": "string", "format": "uri", "nullable": True, "description": AVATAR_URL_HELP})
class AvatarUrlField(serializers.Field):  # type: ignore[type-arg]  # read only: no input type
    """The public URL of a stored profile picture (an ``avatar`` file field), null without one."""

    def __init__(self, source: str) -> None:
        super().__init__(source=source, read_only=True)

    def to_representation(self, value: FieldFile) -> str | None:
        return images.public_url(value.name or "")


class AvatarInput(StrictSerializer):
    # A FileField, not DRF's ImageField: images.check answers 415/413 with our codes.
    avatar = serializers.FileField(help_text="A JPEG, PNG or WebP image, at most MAX_UPLOAD_BYTES.")


class OwnBuyerProfileOutput(serializers.ModelSerializer[BuyerProfile]):
    """The signed-in account's own profile: includes the email and whether it is verified."""

    avatar_url = AvatarUrlField(source="avatar")

    class Meta:
        model = BuyerProfile
        fields = ["user_id", "username", "email", "email_verified", "country", "is_seller", "avatar_url", "created_at"]
        read_only_fields = fields


class PublicBuyerProfileOutput(serializers.ModelSerializer[BuyerProfile]):
    """What any signed-in user may see of a buyer: never the email."""

    avatar_url = AvatarUrlField(source="avatar")

    class Meta:
        model = BuyerProfile
        fields = ["username", "country", "is_seller", "avatar_url", "created_at"]
        read_only_fields = fields
