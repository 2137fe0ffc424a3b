"""The reviews API: one view per operation — validate, call one use-case or selector, serialize."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api.pagination import Pagination
from common.api.serializers import ERROR, validated
from common.auth.authentication import GatewayJWTAuthentication, GatewaySignatureOnly
from common.auth.permissions import AllowAny, IsSignedIn
from common.auth.user import signed_in_user
from reviews_service.reviews import selectors, services
from reviews_service.reviews.api import serializers as s
from reviews_service.reviews.models import Review

TAGS = ["reviews"]
PAGING = [
    OpenApiParameter("page", OpenApiTypes.INT, description="1-based page number."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="Reviews per page (default 20, at most 100)."),
]


class CreateReviewView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.ReviewInput,
        parameters=[
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[404],
                description="Seconds after which an order completed a moment ago should be known here.",
            )
        ],
        responses={
            201: s.OwnReviewOutput,
            400: ERROR,
            401: ERROR,
            404: OpenApiResponse(s.ErrorOutput, description="`order_not_found`: no completed order of yours."),
            409: OpenApiResponse(s.ErrorOutput, description="`already_reviewed`: your side reviewed it already."),
        },
        summary="Review the other party of a completed order",
        description="The buyer reviews the seller (side `buyer`), the seller reviews the buyer (side `seller`), "
        "once each. Publishes `reviews.review.created`.",
    )
    def post(self, request: Request) -> Response:
        data = validated(s.ReviewInput, request)
        review = services.create_review(user_id=signed_in_user(request).id, **data)
        return Response(s.OwnReviewOutput(review).data, status=status.HTTP_201_CREATED)


class ReplyToReviewView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.ReplyInput,
        responses={
            201: s.PublicReviewOutput,
            400: ERROR,
            401: ERROR,
            403: OpenApiResponse(s.ErrorOutput, description="`only_reviewed_seller`: not a review of your work."),
            404: OpenApiResponse(s.ErrorOutput, description="`review_not_found`."),
            409: OpenApiResponse(s.ErrorOutput, description="`already_replied`: you replied to it already."),
        },
        summary="Reply once to a buyer's review of your work",
        description="Only the reviewed seller, once; the reply shows with the review in every public list. "
        "Publishes `reviews.review.replied`.",
    )
    def post(self, request: Request, review_id: int) -> Response:
        data = validated(s.ReplyInput, request)
        review = services.reply_to_review(user_id=signed_in_user(request).id, review_id=review_id, **data)
        return Response(s.PublicReviewOutput(review).data, status=status.HTTP_201_CREATED)


class PublicReviewListView(APIView):
    """Open to anyone who comes through the gateway; a stale access token is ignored, not refused."""

    authentication_classes = [GatewaySignatureOnly]
    permission_classes = [AllowAny]

    def page_with_summary(self, request: Request, reviews: QuerySet[Review]) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(reviews, request, view=self)
        response = paginator.get_paginated_response(s.PublicReviewOutput(page, many=True).data)
        response.data["summary"] = s.RatingSummaryOutput(selectors.rating_summary(reviews)).data
        return response


class GigReviewsView(PublicReviewListView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        parameters=PAGING,
        responses={200: s.ReviewPageOutput, 404: ERROR},
        summary="A gig's reviews by its buyers, newest first, with their rating summary",
    )
    def get(self, request: Request, gig_id: int) -> Response:
        return self.page_with_summary(request, selectors.reviews_of_gig(gig_id=gig_id))


class SellerReviewsView(PublicReviewListView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        parameters=[
            OpenApiParameter("username", OpenApiTypes.STR, OpenApiParameter.PATH, description="Any case."),
            *PAGING,
        ],
        responses={200: s.ReviewPageOutput, 404: ERROR},
        summary="The reviews a seller received from buyers, newest first, with their rating summary",
    )
    def get(self, request: Request, username: str) -> Response:
        return self.page_with_summary(request, selectors.reviews_received_by_seller(username=username))


class BuyerReviewsView(PublicReviewListView):
    """Signed-in users only, like the buyer's public profile it belongs to."""

    authentication_classes = [GatewayJWTAuthentication]
    permission_classes = [IsSignedIn]

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("username", OpenApiTypes.STR, OpenApiParameter.PATH, description="Any case."),
            *PAGING,
        ],
        responses={200: s.ReviewPageOutput, 401: ERROR},
        summary="The reviews a buyer received from the sellers they ordered from, newest first, with their summary",
    )
    def get(self, request: Request, username: str) -> Response:
        return self.page_with_summary(request, selectors.reviews_received_by_buyer(username=username))
