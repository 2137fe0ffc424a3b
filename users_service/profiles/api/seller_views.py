"""The sellers API: one view per operation — validate, call one use-case, serialize."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api.serializers import ERROR, validated
from common.auth.authentication import GatewaySignatureOnly
from common.auth.permissions import AllowAny
from common.auth.user import signed_in_user
from users_service.profiles.api import seller_serializers as s
from users_service.profiles.api.serializers import ErrorOutput
from users_service.profiles.api.views import PENDING, RETRY_AFTER
from users_service.profiles.selectors import random_sellers, sellers
from users_service.profiles.services import sellers as seller_services

TAGS = ["sellers"]
NOT_A_SELLER = OpenApiResponse(ErrorOutput, description="`not_a_seller`: the account has no seller profile.")


class PublicView(APIView):
    """Open to anyone who comes through the gateway; a stale access token is ignored, not refused."""

    authentication_classes = [GatewaySignatureOnly]
    permission_classes = [AllowAny]


class BecomeSellerView(APIView):
    @extend_schema(
        tags=TAGS,
        request=s.SellerProfileInput,
        parameters=[RETRY_AFTER],
        responses={
            201: s.OwnSellerProfileOutput,
            400: ERROR,
            401: ERROR,
            403: OpenApiResponse(ErrorOutput, description="`email_not_verified`."),
            404: PENDING,
            409: OpenApiResponse(ErrorOutput, description="`already_a_seller`."),
        },
        summary="Become a seller",
        description="Needs a verified email. Publishes `users.seller.created`; refresh the tokens to get `is_seller`.",
    )
    def post(self, request: Request) -> Response:
        fields = validated(s.SellerProfileInput, request)
        seller = seller_services.become_seller(user_id=signed_in_user(request).id, fields=fields)
        return Response(s.OwnSellerProfileOutput(seller).data, status=status.HTTP_201_CREATED)


class OwnSellerProfileView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.OwnSellerProfileOutput, 401: ERROR, 403: NOT_A_SELLER},
        summary="The signed-in seller's own profile and stats",
    )
    def get(self, request: Request) -> Response:
        seller = sellers.get_own_seller_profile(user_id=signed_in_user(request).id)
        return Response(s.OwnSellerProfileOutput(seller).data)

    @extend_schema(
        tags=TAGS,
        request=s.SellerProfileEditInput,
        responses={200: s.OwnSellerProfileOutput, 400: ERROR, 401: ERROR, 403: NOT_A_SELLER},
        summary="Edit the signed-in seller's profile",
        description="Any subset of the fields; a list replaces the whole list. "
        "Publishes `users.seller.updated` when full_name or one_liner changed.",
    )
    def patch(self, request: Request) -> Response:
        changes = validated(s.SellerProfileEditInput, request)
        seller = seller_services.edit_seller_profile(user_id=signed_in_user(request).id, changes=changes)
        return Response(s.OwnSellerProfileOutput(seller).data)


class OwnEarningsView(APIView):
    @extend_schema(
        tags=TAGS,
        responses={200: s.EarningsOutput, 401: ERROR, 403: NOT_A_SELLER},
        summary="The signed-in seller's earnings to date",
    )
    def get(self, request: Request) -> Response:
        seller = sellers.get_own_seller_profile(user_id=signed_in_user(request).id)
        return Response(s.EarningsOutput(seller).data)


class RandomSellersView(PublicView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        parameters=[s.RandomSellersInput],
        responses={200: s.PublicSellerProfileOutput(many=True), 400: ERROR},
        summary="Sellers picked at random",
        description="A JSON array of up to `size` public seller profiles (fewer only when there are fewer sellers).",
    )
    def get(self, request: Request) -> Response:
        query = s.RandomSellersInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        picked = random_sellers.random_sellers(size=query.validated_data["size"])
        return Response(s.PublicSellerProfileOutput(picked, many=True).data)


class PublicSellerProfileView(PublicView):
    @extend_schema(
        tags=TAGS,
        auth=[],
        parameters=[OpenApiParameter("username", OpenApiTypes.STR, OpenApiParameter.PATH, description="Any case.")],
        responses={200: s.PublicSellerProfileOutput, 404: ERROR},
        summary="A seller's public profile and stats",
    )
    def get(self, request: Request, username: str) -> Response:
        seller = sellers.get_seller_by_username(username=username)
        return Response(s.PublicSellerProfileOutput(seller).data)
