"""``GET /api/v1/gigs``: the search list (anyone), beside the core's ``POST /gigs``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from common.api.bounds import MAX_PRICE, PRICE_DIGITS
from common.api.pagination import Pagination, page_field
from common.api.serializers import ERROR
from gigs_service.gigs import images, search
from gigs_service.gigs.api import serializers as s
from gigs_service.gigs.api import views
from gigs_service.gigs.models import CATEGORIES, Gig

if TYPE_CHECKING:
    from rest_framework.permissions import _SupportsHasPermission  # what DRF's stubs say get_permissions answers

PRICE: dict[str, Any] = {"max_digits": PRICE_DIGITS, "decimal_places": 2, "min_value": 0, "max_value": MAX_PRICE}


class SearchQueryInput(serializers.Serializer[Any]):
    """The query string; unknown parameters are ignored, as browsers and caches add their own."""

    q = serializers.CharField(required=False, default="", allow_blank=True, max_length=200, trim_whitespace=True)
    category = serializers.ChoiceField(choices=CATEGORIES, required=False)
    min_price = serializers.DecimalField(required=False, **PRICE)
    max_price = serializers.DecimalField(required=False, **PRICE)
    max_delivery_days = serializers.IntegerField(required=False, min_value=1, max_value=365)
    sort = serializers.ChoiceField(choices=search.SORTS, required=False)
    page = page_field(required=False, default=1)
    page_size = serializers.IntegerField(required=False, default=Pagination.page_size, min_value=1)

    def validate_page_size(self, value: int) -> int:
        # As everywhere in the API: more than the maximum is the maximum, not an error.
        return min(value, Pagination.max_page_size)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        low, high = data.get("min_price"), data.get("max_price")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"max_price": ["Must be at least min_price."]})
        return data


class GigSummaryOutput(serializers.ModelSerializer[Gig]):
    seller = s.SellerSummaryOutput()
    cover_image_url = serializers.SerializerMethodField()

    class Meta:
        model = Gig
        fields = [
            "id",
            "title",
            "price",
            "cover_image_url",
            "rating_average",
            "ratings_count",
            "expected_delivery_days",
            "category",
            "seller",
            "created_at",
        ]
        read_only_fields = fields

    def get_cover_image_url(self, gig: Gig) -> str | None:
        return images.public_url(gig.cover_image.name)


class SearchPageOutput(serializers.Serializer[Any]):
    count = serializers.IntegerField(
        help_text=f"How many gigs match: exact up to {search.EXACT_COUNT_UP_TO:,}; past that an estimate "
        "(`count_is_estimate`), and a page past the real end answers 404."
    )
    count_is_estimate = serializers.BooleanField(
        help_text=f"True when more than {search.EXACT_COUNT_UP_TO:,} gigs match and `count` is estimated."
    )
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = GigSummaryOutput(many=True)


class GigCollectionView(views.GigCollectionView):
    """The core's ``/gigs`` (POST creates) with GET answering searches."""

    def get_permissions(self) -> Sequence[_SupportsHasPermission]:
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(
        tags=views.TAGS,
        parameters=[SearchQueryInput],
        responses={200: SearchPageOutput, 400: ERROR, 404: ERROR},
        summary="Search active gigs",
        description="Full text over title, tags, categories, seller username and description, typo-tolerant; "
        "`sort` defaults to relevance with `q`, newest without. Ties are broken by id, so pages never overlap.",
    )
    def get(self, request: Request) -> Response:
        params = SearchQueryInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = search.SearchQuery(**params.validated_data)
        found = search.backend().search(query)
        if not found.gigs and query.page > 1:
            raise NotFound("Invalid page.")
        return Response(
            {
                "count": found.count,
                "count_is_estimate": found.count_is_estimate,
                "next": _page_link(request, query.page + 1) if query.offset + len(found.gigs) < found.count else None,
                "previous": _page_link(request, query.page - 1) if query.page > 1 else None,
                "results": GigSummaryOutput(found.gigs, many=True).data,
            }
        )


def _page_link(request: Request, page: int) -> str:
    url = request.build_absolute_uri()
    return replace_query_param(url, "page", page) if page > 1 else remove_query_param(url, "page")
