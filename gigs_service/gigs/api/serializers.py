"""Input and output serializers of the gigs API, one pair per operation.

Multipart requests (to upload a cover) send list fields as repeated keys
(``tags=logo&tags=branding``), which is how HTML forms and every HTTP client send lists.
"""

from __future__ import annotations

import json
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils import html

from common.api.bounds import MAX_PRICE, PRICE_DIGITS
from common.api.serializers import StrictSerializer
from gigs_service.gigs import images
from gigs_service.gigs.models import (
    CATEGORIES,
    MAX_REVISIONS,
    MIN_PRICE,
    TIERS,
    Gig,
    GigPackage,
    SavedGig,
    Seller,
    packages_of,
)

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


PRICE: dict[str, Any] = {
    "max_digits": PRICE_DIGITS,
    "decimal_places": 2,
    "min_value": MIN_PRICE,
    "max_value": MAX_PRICE,
}
# The gig's own fields that are its basic package's: sent instead of ``packages``, never with it.
BASIC_FIELDS = ("price", "expected_delivery_days", "basic_title", "basic_description")


class PackageInput(StrictSerializer):
    tier = serializers.ChoiceField(choices=TIERS)
    title = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    price = serializers.DecimalField(**PRICE)
    delivery_days = serializers.IntegerField(min_value=1, max_value=365)
    revisions = serializers.IntegerField(
        min_value=0, max_value=MAX_REVISIONS, required=False, allow_null=True, default=None, help_text="null: unlimited"
    )


@extend_schema_field(PackageInput(many=True))
class Packages(serializers.Field):  # type: ignore[type-arg]  # DRF's Field is generic only in the stubs
    """The gig's packages: basic alone, or basic, standard and premium, each dearer than the one before.

    JSON sends the list itself; a multipart form sends it as one part holding the JSON list.
    """

    def to_internal_value(self, data: Any) -> list[dict[str, Any]]:
        if isinstance(data, str) and html.is_html_input(getattr(self.parent, "initial_data", None)):
            try:
                data = json.loads(data)
            except ValueError:
                raise serializers.ValidationError("Not valid JSON.") from None
        if not isinstance(data, list):
            raise serializers.ValidationError("Expected a list of packages.")
        packages = PackageInput(data=data, many=True)
        packages.is_valid(raise_exception=True)
        return _checked_tiers([dict(package) for package in packages.validated_data])

    def to_representation(self, value: Any) -> Any:
        return value


def _checked_tiers(packages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Basic alone, or all three tiers once each, prices rising from basic to premium; basic first."""
    tiers = [package["tier"] for package in packages]
    if sorted(tiers, key=TIERS.index) not in (["basic"], list(TIERS)):
        raise serializers.ValidationError("Offer the basic package alone, or basic, standard and premium once each.")
    ordered = sorted(packages, key=lambda package: TIERS.index(package["tier"]))
    for cheaper, dearer in zip(ordered, ordered[1:], strict=False):
        if dearer["price"] <= cheaper["price"]:
            raise serializers.ValidationError(
                f"The {dearer['tier']} package must cost more than the {cheaper['tier']} package."
            )
    return ordered


class GigInput(StrictSerializer):
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=5000)
    category = serializers.ChoiceField(choices=CATEGORIES)
    sub_categories = serializers.ListField(
        child=serializers.CharField(max_length=50), max_length=MAX_LIST, required=False
    )
    tags = Tags(max_length=MAX_LIST, required=False)
    price = serializers.DecimalField(
        **PRICE, required=False, help_text="The basic package's price; required unless `packages` is sent."
    )
    expected_delivery_days = serializers.IntegerField(
        min_value=1,
        max_value=365,
        required=False,
        help_text="The basic package's delivery days; required unless `packages` is sent.",
    )
    basic_title = serializers.CharField(max_length=80, required=False, allow_blank=True)
    basic_description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    packages = Packages(
        required=False,
        help_text="Basic alone, or basic, standard and premium; instead of `price`, `expected_delivery_days`, "
        "`basic_title` and `basic_description`. Multipart: one part holding the JSON list.",
    )
    # A FileField, not DRF's ImageField: images.check answers 415/413 with our codes.
    cover_image = serializers.FileField(required=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if "packages" in data:
            both = {
                name: ["Send this in the basic package, not beside `packages`."]
                for name in BASIC_FIELDS
                if name in data
            }
            if both:
                raise serializers.ValidationError(both)
        elif not self.partial:
            missing = {name: ["This field is required."] for name in BASIC_FIELDS[:2] if name not in data}
            if missing:
                raise serializers.ValidationError(missing)
        return data


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


class PackageOutput(serializers.ModelSerializer[GigPackage]):
    revisions = serializers.IntegerField(allow_null=True, help_text="null: unlimited")

    class Meta:
        model = GigPackage
        fields = ["tier", "title", "description", "price", "delivery_days", "revisions"]
        read_only_fields = fields


class GigOutput(serializers.ModelSerializer[Gig]):
    seller = SellerSummaryOutput()
    cover_image_url = serializers.SerializerMethodField()
    rating_breakdown = serializers.SerializerMethodField()
    price = serializers.DecimalField(
        max_digits=10, decimal_places=2, help_text="The cheapest package's price: the gig's \"from\" price."
    )
    packages = serializers.SerializerMethodField()

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
            "packages",
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

    @extend_schema_field(PackageOutput(many=True))
    def get_packages(self, gig: Gig) -> Any:
        """Basic first, then standard and premium when the gig offers them."""
        return PackageOutput(packages_of(gig), many=True).data

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
