"""Output serializers of the buyers API, one per operation (neither operation takes input)."""

from __future__ import annotations

from rest_framework import serializers

from common.api.serializers import ErrorOutput as ErrorOutput  # the one error body, for the views
from users_service.profiles.models import BuyerProfile


class OwnBuyerProfileOutput(serializers.ModelSerializer[BuyerProfile]):
    """The signed-in account's own profile: includes the email and whether it is verified."""

    class Meta:
        model = BuyerProfile
        fields = ["user_id", "username", "email", "email_verified", "country", "is_seller", "created_at"]
        read_only_fields = fields


class PublicBuyerProfileOutput(serializers.ModelSerializer[BuyerProfile]):
    """What any signed-in user may see of a buyer: never the email."""

    class Meta:
        model = BuyerProfile
        fields = ["username", "country", "is_seller", "created_at"]
        read_only_fields = fields
