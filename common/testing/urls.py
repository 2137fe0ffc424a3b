"""URLs for the tests of ``common``: a few views exercising the shared edge."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.request import Request
from rest_framework.response import Response

from common.api.errors import Conflict, InvalidInput
from common.api.pagination import Pagination
from common.api.serializers import StrictSerializer
from common.api.urls import service_urlpatterns
from common.auth.permissions import AllowAny, IsSeller, IsSignedIn


class EchoInput(StrictSerializer):
    from rest_framework import serializers

    name = serializers.CharField(max_length=10)


@api_view(["GET"])
@permission_classes([IsSignedIn])
def whoami(request: Request) -> Response:
    return Response({"id": request.user.id, "username": request.user.username, "is_seller": request.user.is_seller})


@api_view(["GET"])
@permission_classes([IsSeller])
def sellers_only(request: Request) -> Response:
    return Response({"ok": True})


@api_view(["POST"])
@permission_classes([AllowAny])
def echo(request: Request) -> Response:
    data = EchoInput(data=request.data)
    data.is_valid(raise_exception=True)
    if data.validated_data["name"] == "taken":
        raise Conflict("That name is taken.", code="name_taken")
    if data.validated_data["name"] == "bad":
        raise InvalidInput.on("name", "Not that one.")
    return Response(data.validated_data)


@api_view(["POST"])
@permission_classes([AllowAny])
def echo_any(request: Request) -> Response:
    """Echoes any body, unvalidated: what reaches a view that stores a ``JSONField``."""
    return Response({"received": sorted(request.data)})


@api_view(["GET"])
@permission_classes([AllowAny])
def numbers(request: Request) -> Response:
    """A paginated list of 1..45 through the shared pagination."""
    paginator = Pagination()
    page = paginator.paginate_queryset(list(range(1, 46)), request)
    return paginator.get_paginated_response(page)


@api_view(["GET"])
@permission_classes([AllowAny])
def fails(request: Request) -> Response:
    raise RuntimeError("an unexpected failure")


def plain_fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("an unexpected failure outside DRF")


urlpatterns = service_urlpatterns(
    [
        path("whoami", whoami),
        path("sellers-only", sellers_only),
        path("echo", echo),
        path("echo-any", echo_any),
        path("numbers", numbers),
        path("fails", fails),
        path("plain-fails", plain_fails),
        path("items/<id:item_id>/<str:name>", whoami),
    ]
)

handler404 = "common.api.views.not_found"
handler500 = "common.api.views.server_error"
