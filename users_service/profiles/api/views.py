"""The buyers API: one view per operation — select, serialize."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api.serializers import ERROR
from common.auth.user import signed_in_user
from users_service.profiles.api import serializers as s
from users_service.profiles.selectors import buyers as selectors

TAGS = ["buyers"]
PENDING = OpenApiResponse(s.ErrorOutput, description="`buyer_profile_pending`: the profile is still being created.")
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[404],
    description="Seconds to wait before asking again.",
)


class OwnBuyerProfileView(APIView):
    @extend_schema(
        tags=TAGS,
        parameters=[RETRY_AFTER],
        responses={200: s.OwnBuyerProfileOutput, 401: ERROR, 404: PENDING},
        summary="The signed-in account's buyer profile",
        description="Created from `auth.user.registered`: a 404 right after signup means it is on its way.",
    )
    def get(self, request: Request) -> Response:
        profile = selectors.get_own_buyer_profile(user_id=signed_in_user(request).id)
        return Response(s.OwnBuyerProfileOutput(profile).data)


class PublicBuyerProfileView(APIView):
    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("username", OpenApiTypes.STR, OpenApiParameter.PATH, description="Any case.")],
        responses={200: s.PublicBuyerProfileOutput, 401: ERROR, 404: ERROR},
        summary="A buyer's public profile",
    )
    def get(self, request: Request, username: str) -> Response:
        profile = selectors.get_buyer_profile_by_username(username=username)
        return Response(s.PublicBuyerProfileOutput(profile).data)
