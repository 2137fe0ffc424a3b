"""URLs for the tests of ``common``: a few views exercising the shared edge."""

from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.request import Request
from rest_framework.response import Response

from common.api.errors import Conflict, InvalidInput
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


urlpatterns = service_urlpatterns([path("whoami", whoami), path("sellers-only", sellers_only), path("echo", echo)])

handler404 = "common.api.views.not_found"
handler500 = "common.api.views.server_error"
