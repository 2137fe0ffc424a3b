"""Input and output serializers of the gigs API, one pair per operation.

Multipart requests (to upload a cover) send list fields as repeated keys
(``tags=logo&tags=branding``), which is how HTML forms and every HTTP client send lists.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from common.api.bounds import MAX_PRICE, PRICE_DIGITS
from common.api.serializers import StrictSerializer
from gigs_service.gigs import images
from gigs_service.gigs.models import CATEGORIES, MIN_PRICE, Gig, SavedGig, Seller

MAX_LIST = 10


class Tags(serializers.ListField):
    """Up to ten short tags, trimmed, lower-cased, each once."""

    child = serializers.CharField(max_length=30)

    def to_internal_value(self, data: Any) -> list[str]:
        # Counted as sent, before duplicates collapse: the document's maxItems is about the request.
        if isinstance(data, list) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        values = super().to_internal_value(data)
        return list(dict.fromkeys(value.strip().lower() for value in values if value.strip()))


class GigInput(StrictSerializer):
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=5000)
    category = serializers.ChoiceField(choices=CATEGORIES)
    sub_categories = serializers.ListField(
        child=serializers.CharField(max_length=50), max_length=MAX_LIST, required=False
    )
    tags = Tags(max_length=MAX_LIST, required=False)
    price = serializers.DecimalField(
        max_digits=PRICE_DIGITS, decimal_places=2, min_value=MIN_PRICE, max_value=MAX_PRICE
    )
    expected_delivery_days = serializers.IntegerField(min_value=1, max_value=365)
    basic_title = serializers.CharField(max_length=80, required=False, allow_blank=True)
    basic_description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    # A FileField, not DRF's ImageField: images.check answers 415/413 with our codes.
    cover_image = serializers.FileField(required=False)


class GigChangesInput(GigInput):
    """Any subset of the gig's fields; ``active`` pauses or resumes, ``cover_image: null`` removes the cover."""

    active = serializers.BooleanField(required=False)
    cover_image = serializers.FileField(required=False, allow_null=True)


class SellerSummaryOutput(serializers.ModelSerializer[Seller]):
    id = serializers.IntegerField(source="user_id")
    rating_average = serializers.DecimalField(max_digits=3, decimal_places=2)

    class Meta:
        model = Seller
        fields = ["id", "username", "full_name", "one_liner", "country", "rating_average", "ratings_count"]
        read_only_fields = fields


class GigOutput(serializers.ModelSerializer[Gig]):
    seller = SellerSummaryOutput()
    cover_image_url = serializers.SerializerMethodField()
    rating_breakdown = serializers.SerializerMethodField()

    class Meta:
        model = Gig
        fields = [
            "id",
            "title",
            "description",
            "category",
            "sub_categories",
            "tags",
            "price",
            "expected_delivery_days",
            "basic_title",
            "basic_description",
            "cover_image_url",
            "active",
            "rating_average",
            "ratings_count",
            "rating_breakdown",
            "seller",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_cover_image_url(self, gig: Gig) -> str | None:
        return images.public_url(gig.cover_image.name)

    def get_rating_breakdown(self, gig: Gig) -> dict[str, int]:
        """Every star from 1 to 5, zero included."""
        return {str(stars): int(gig.rating_breakdown.get(str(stars), 0)) for stars in range(1, 6)}


class TopQuery(serializers.Serializer[Any]):
    category = serializers.ChoiceField(choices=CATEGORIES)


class SellerGigsQuery(serializers.Serializer[Any]):
    active = serializers.BooleanField(default=True)


class CategoryOutput(serializers.Serializer[Any]):
    name = serializers.CharField()
    active_gigs = serializers.IntegerField()


class SavedGigOutput(serializers.ModelSerializer[SavedGig]):
    """A gig in the user's favourites, and when they saved it."""

    gig = GigOutput()

    class Meta:
        model = SavedGig
        fields = ["gig", "saved_at"]
        read_only_fields = fields
