"""Profile pictures: the owner puts and removes theirs; anyone gets anyone's by username."""

from __future__ import annotations

from django.http import FileResponse, HttpResponseRedirect
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import images
from common.api.errors import NotFound
from common.api.serializers import ERROR, validated
from common.auth.user import signed_in_user
from users_service.profiles.api import serializers as s
from users_service.profiles.api.seller_views import PublicView
from users_service.profiles.api.views import PENDING, TAGS
from users_service.profiles.avatars import AVATAR
from users_service.profiles.selectors import buyers as selectors
from users_service.profiles.services import buyers as services

# A picture is replaced under a new name, so the answer may be reused only briefly; "none" too,
# since pages ask for the picture of every username they show, most of which have none.
BRIEFLY = "public, max-age=60"
AVATAR_INPUT = {"multipart/form-data": s.AvatarInput}


class OwnAvatarView(APIView):
    @extend_schema(
        tags=TAGS,
        request=AVATAR_INPUT,
        responses={200: s.OwnBuyerProfileOutput, 400: ERROR, 401: ERROR, 404: PENDING, 413: ERROR, 415: ERROR},
        summary="Set my profile picture",
        description="Multipart with an `avatar` (JPEG, PNG or WebP); replaces any earlier picture.",
    )
    def put(self, request: Request) -> Response:
        upload = validated(s.AvatarInput, request)["avatar"]
        profile = services.set_avatar(user_id=signed_in_user(request).id, upload=upload)
        return Response(s.OwnBuyerProfileOutput(profile).data)

    @extend_schema(
        tags=TAGS,
        request=None,
        responses={204: None, 401: ERROR, 404: PENDING},
        summary="Remove my profile picture",
    )
    def delete(self, request: Request) -> Response:
        services.remove_avatar(user_id=signed_in_user(request).id)
        return Response(status=204)


class PublicAvatarView(PublicView):
    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("username", OpenApiTypes.STR, OpenApiParameter.PATH, description="Any case.")],
        responses={
            302: OpenApiResponse(description="`Location`: the picture (the `avatar_url` of the profile)."),
            404: OpenApiResponse(s.ErrorOutput, description="`not_found`: no such account, or it has no picture."),
        },
        summary="Anyone's profile picture by username",
        description="For an `<img>` next to a username, wherever one is shown: no profile to fetch first.",
    )
    def get(self, request: Request, username: str) -> HttpResponseRedirect | Response:
        try:
            url = images.public_url(selectors.get_buyer_profile_by_username(username=username).avatar.name)
        except NotFound:
            url = None
        if url is None:
            missing = NotFound("This account has no profile picture.")
            return Response(missing.body(), status=missing.status, headers={"Cache-Control": BRIEFLY})
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = BRIEFLY
        return response


class AvatarImageView(PublicView):
    @extend_schema(
        tags=TAGS,
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="JPEG, PNG or WebP."), 404: None},
        summary="A profile picture",
    )
    def get(self, request: Request, file_name: str) -> FileResponse:
        return images.serve(AVATAR, file_name)
