"""The gigs API: one view per operation — validate, call one use-case, serialize."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api.pagination import Pagination
from common.api.serializers import ERROR, validated
from common.auth.permissions import IsSignedIn
from common.auth.user import signed_in_user
from gigs_service.gigs import selectors, services
from gigs_service.gigs.api import serializers as s
from gigs_service.gigs.api.permissions import HasSellerProfile
from gigs_service.gigs.models import Gig, SavedGig

TAGS = ["gigs"]
GIG_INPUT = {"application/json": s.GigInput, "multipart/form-data": s.GigInput}
CHANGES_INPUT = {"application/json": s.GigChangesInput, "multipart/form-data": s.GigChangesInput}


def viewer_id(request: Request) -> int | None:
    """The signed-in user's id, None for an anonymous visitor."""
    return request.user.id if getattr(request.user, "is_authenticated", False) else None


class GigCollectionView(APIView):
    """``/gigs``: POST creates (here); GET is the search list (the search package's view)."""

    permission_classes = [HasSellerProfile]

    @extend_schema(
        tags=TAGS,
        request=GIG_INPUT,
        responses={201: s.GigOutput, 400: ERROR, 401: ERROR, 403: ERROR, 413: ERROR, 415: ERROR},
        summary="Create a gig (sellers)",
        description="JSON, or multipart with a `cover_image` (JPEG, PNG or WebP); lists as repeated keys.",
    )
    def post(self, request: Request) -> Response:
        fields = validated(s.GigInput, request)
        cover = fields.pop("cover_image", None)
        gig = services.create_gig(seller_id=signed_in_user(request).id, fields=fields, cover=cover)
        return Response(s.GigOutput(gig).data, status=201)


class GigView(APIView):
    def get_permissions(self) -> list[BasePermission]:
        return [AllowAny()] if self.request.method == "GET" else [IsSignedIn()]

    @extend_schema(
        tags=TAGS,
        operation_id="gig_retrieve",
        responses={200: s.GigOutput, 404: ERROR},
        summary="A gig with its seller and rating",
    )
    def get(self, request: Request, gig_id: int) -> Response:
        gig = selectors.get_gig(gig_id=gig_id, viewer_id=viewer_id(request))
        return Response(s.GigOutput(gig).data)

    @extend_schema(
        tags=TAGS,
        request=CHANGES_INPUT,
        responses={200: s.GigOutput, 400: ERROR, 401: ERROR, 404: ERROR, 413: ERROR, 415: ERROR},
        summary="Edit, pause or resume my gig",
    )
    def patch(self, request: Request, gig_id: int) -> Response:
        serializer = s.GigChangesInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        gig = services.update_gig(gig_id=gig_id, seller_id=signed_in_user(request).id, changes=changes)
        return Response(s.GigOutput(gig).data)

    @extend_schema(tags=TAGS, responses={204: None, 401: ERROR, 404: ERROR, 409: ERROR}, summary="Delete my gig")
    def delete(self, request: Request, gig_id: int) -> Response:
        services.delete_gig(gig_id=gig_id, seller_id=signed_in_user(request).id)
        return Response(status=204)


class AtMostTen(Pagination):
    page_size_query_param = None
    page_size = selectors.SIMILAR_LIMIT
    max_page_size = selectors.SIMILAR_LIMIT


class SimilarGigsView(ListAPIView[Gig]):
    permission_classes = [AllowAny]
    serializer_class = s.GigOutput
    pagination_class = AtMostTen

    @extend_schema(tags=TAGS, responses={200: s.GigOutput(many=True), 404: ERROR}, summary="Gigs like this one")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Gig]:
        return selectors.similar_gigs(gig_id=self.kwargs["gig_id"], viewer_id=viewer_id(self.request))


class TopGigsView(ListAPIView[Gig]):
    permission_classes = [AllowAny]
    serializer_class = s.GigOutput

    @extend_schema(
        tags=TAGS,
        parameters=[s.TopQuery],
        responses={200: s.GigOutput(many=True), 400: ERROR},
        summary="Best-rated gigs of a category",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Gig]:
        query = s.TopQuery(data=self.request.query_params.dict())
        query.is_valid(raise_exception=True)
        return selectors.top_gigs(category=query.validated_data["category"])


class SellerGigsView(ListAPIView[Gig]):
    permission_classes = [AllowAny]
    serializer_class = s.GigOutput

    @extend_schema(
        tags=TAGS,
        parameters=[
            s.SellerGigsQuery,
            OpenApiParameter("username", str, OpenApiParameter.PATH, description="Any case."),
        ],
        responses={200: s.GigOutput(many=True), 400: ERROR, 404: ERROR},
        summary="A seller's gigs",
        description="`active=false` (paused gigs) lists something only for the seller themself.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Gig]:
        # An empty value is "not given", as everywhere in the API (and in the OpenAPI document).
        given = {name: value for name, value in self.request.query_params.items() if value}
        query = s.SellerGigsQuery(data=given)
        query.is_valid(raise_exception=True)
        active = query.validated_data["active"]
        return selectors.gigs_of_seller(
            username=self.kwargs["username"], active=active, viewer_id=viewer_id(self.request)
        )


class CategoriesView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=TAGS, responses={200: s.CategoryOutput(many=True)}, summary="Categories with their active gig counts"
    )
    def get(self, request: Request) -> Response:
        return Response(s.CategoryOutput(selectors.category_counts(), many=True).data)


class SavedGigsView(ListAPIView[SavedGig]):
    permission_classes = [IsSignedIn]
    serializer_class = s.SavedGigOutput

    @extend_schema(
        tags=TAGS,
        responses={200: s.SavedGigOutput(many=True), 401: ERROR},
        summary="My saved gigs, last saved first",
        description="A paused gig is left out while it is paused; a deleted gig is gone for good.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[SavedGig]:
        return selectors.saved_gigs(user_id=signed_in_user(self.request).id)


class SavedGigView(APIView):
    permission_classes = [IsSignedIn]

    @extend_schema(
        tags=TAGS,
        request=None,
        responses={201: s.SavedGigOutput, 200: s.SavedGigOutput, 401: ERROR, 404: ERROR},
        summary="Save a gig to my favourites",
        description="201 when saved now, 200 when it was saved already (the first save is kept).",
    )
    def put(self, request: Request, gig_id: int) -> Response:
        saved, created = services.save_gig(user_id=signed_in_user(request).id, gig_id=gig_id)
        return Response(s.SavedGigOutput(saved).data, status=201 if created else 200)

    @extend_schema(
        tags=TAGS,
        responses={204: None, 401: ERROR, 404: ERROR},
        summary="Remove a gig from my favourites",
        description="204 whether or not it was saved; 404 for an id no gig can have (out of range).",
    )
    def delete(self, request: Request, gig_id: int) -> Response:
        services.unsave_gig(user_id=signed_in_user(request).id, gig_id=gig_id)
        return Response(status=204)
