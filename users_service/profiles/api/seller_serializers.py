"""Input and output serializers of the sellers API.

The profile's lists hold small documents whose shapes are fixed here; every string has a
maximum length and every list a maximum size, so one profile cannot grow without bound.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import URLValidator
from rest_framework import serializers
from rest_framework.fields import empty

from common.api.serializers import StrictSerializer
from users_service.profiles.api.serializers import AvatarUrlField
from users_service.profiles.models import LanguageLevel, SellerProfile

# A month as CVs give it: "2021-04".
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])\Z"
YEAR: dict[str, Any] = {"min_value": 1950, "max_value": 2100}


def _refuse_duplicates(values: list[str], message: str) -> None:
    folded = [value.casefold() for value in values]
    if len(set(folded)) != len(folded):
        raise serializers.ValidationError(message)


class LanguageInput(StrictSerializer):
    language = serializers.CharField(max_length=50)
    level = serializers.ChoiceField(choices=LanguageLevel.choices)


class ExperienceInput(StrictSerializer):
    company = serializers.CharField(max_length=100)
    title = serializers.CharField(max_length=100)
    start_month = serializers.RegexField(MONTH_PATTERN, max_length=7, help_text="YYYY-MM")
    # null (or left out) while the seller still works there.
    end_month = serializers.RegexField(MONTH_PATTERN, max_length=7, required=False, allow_null=True, default=None)
    description = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["end_month"] is not None and data["end_month"] < data["start_month"]:
            raise serializers.ValidationError({"end_month": ["Must not be before start_month."]})
        return data


class EducationInput(StrictSerializer):
    country = serializers.CharField(max_length=64)
    university = serializers.CharField(max_length=120)
    title = serializers.CharField(max_length=100, help_text="The degree, e.g. B.Sc.")
    major = serializers.CharField(max_length=100)
    year = serializers.IntegerField(**YEAR)


class CertificateInput(StrictSerializer):
    name = serializers.CharField(max_length=120)
    issuer = serializers.CharField(max_length=120)
    year = serializers.IntegerField(**YEAR)


class SellerProfileInput(StrictSerializer):
    """``POST /sellers``: everything a buyer writes to become a seller."""

    full_name = serializers.CharField(max_length=100)
    one_liner = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=2000)
    skills = serializers.ListField(child=serializers.CharField(max_length=50), min_length=1, max_length=20)
    languages = serializers.ListField(child=LanguageInput(), min_length=1, max_length=10)
    experience = serializers.ListField(child=ExperienceInput(), max_length=20, required=False, default=list)
    education = serializers.ListField(child=EducationInput(), max_length=10, required=False, default=list)
    certificates = serializers.ListField(child=CertificateInput(), max_length=20, required=False, default=list)
    social_links = serializers.ListField(
        child=serializers.URLField(max_length=200, validators=[URLValidator(schemes=["http", "https"])]),
        max_length=10,
        required=False,
        default=list,
    )
    response_time_hours = serializers.IntegerField(min_value=1, max_value=168)

    def validate_skills(self, skills: list[str]) -> list[str]:
        _refuse_duplicates(skills, "Each skill only once.")
        return skills

    def validate_languages(self, languages: list[dict[str, str]]) -> list[dict[str, str]]:
        _refuse_duplicates([entry["language"] for entry in languages], "Each language only once.")
        return [dict(entry) for entry in languages]

    def validate_social_links(self, links: list[str]) -> list[str]:
        _refuse_duplicates(links, "Each link only once.")
        return links


class SellerProfileEditInput(SellerProfileInput):
    """``PATCH /sellers/me``: any subset of the fields; a list given replaces the whole list.

    Not DRF's ``partial=True``: that would also make the fields of each list item optional.
    """

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        for field in fields.values():
            field.required = False
            field.default = empty  # a field left out stays as it is, never reset to []
        return fields


class StatCount(serializers.IntegerField):
    """A counter shown never below zero: events may arrive out of order (see ``SellerProfile``)."""

    def to_representation(self, value: int) -> int:
        return max(int(value), 0)


class PublicSellerProfileOutput(serializers.ModelSerializer[SellerProfile]):
    """What anyone may see of a seller: the profile and its stats, never the email."""

    username = serializers.CharField(source="buyer.username")
    country = serializers.CharField(source="buyer.country")
    avatar_url = AvatarUrlField(source="buyer.avatar")
    member_since = serializers.DateTimeField(source="buyer.created_at", help_text="When the account registered.")
    seller_since = serializers.DateTimeField(source="created_at")
    rating_average = serializers.DecimalField(
        max_digits=3, decimal_places=2, coerce_to_string=False, allow_null=True, help_text="null before any rating."
    )
    rating_breakdown = serializers.DictField(child=serializers.IntegerField(), help_text='{"1": n, ..., "5": n}')
    ratings_count = StatCount()
    ongoing_jobs = StatCount()
    completed_jobs = StatCount()
    cancelled_jobs = StatCount()
    total_gigs = StatCount()

    class Meta:
        model = SellerProfile
        fields = [
            "username", "country", "avatar_url", "member_since", "seller_since",
            "full_name", "one_liner", "description", "skills", "languages", "experience", "education",
            "certificates", "social_links", "response_time_hours",
            "rating_average", "ratings_count", "rating_breakdown", "ongoing_jobs", "completed_jobs",
            "cancelled_jobs", "total_earnings", "total_gigs", "recent_delivery_at",
        ]  # fmt: skip
        read_only_fields = fields


class OwnSellerProfileOutput(PublicSellerProfileOutput):
    """The seller's own profile: the public one plus the account id and the last edit."""

    user_id = serializers.IntegerField(source="buyer_id")

    class Meta(PublicSellerProfileOutput.Meta):
        fields = ["user_id", *PublicSellerProfileOutput.Meta.fields, "updated_at"]
        read_only_fields = fields


class RandomSellersInput(StrictSerializer):
    size = serializers.IntegerField(min_value=1, max_value=50, default=10)


class EarningsOutput(serializers.ModelSerializer[SellerProfile]):
    """Money as strings with two decimals, never floats."""

    total_earnings = serializers.DecimalField(max_digits=14, decimal_places=2)
    average_selling_price = serializers.DecimalField(max_digits=14, decimal_places=2)
    completed_orders = StatCount(source="completed_jobs")

    class Meta:
        model = SellerProfile
        fields = ["total_earnings", "average_selling_price", "completed_orders"]
        read_only_fields = fields
