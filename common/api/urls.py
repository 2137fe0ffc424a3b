"""The URL patterns every service serves besides its own API."""

from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

from common.api.health import health
from common.api.views import not_found


def service_urlpatterns(api: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """``/health``, ``/admin/``, ``/schema`` (read by the gateway) and the service's API.

    A service serves its API under the same public path the gateway exposes
    (``/api/v1/...``), so the gateway forwards paths unchanged. Any other ``/api/`` path is
    the JSON 404 even with ``DEBUG`` on (Django's debug page is HTML): the gateway's routes
    are wider than a service's (``/orders/**``), and its document promises JSON errors.
    """
    return [
        path("health", health, name="health"),
        path("admin/", admin.site.urls),
        path("schema", SpectacularJSONAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
        *api,
        re_path(r"^api/", csrf_exempt(not_found), name="api-not-found"),
    ]
