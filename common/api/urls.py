"""The URL patterns every service serves besides its own API."""

from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

from common.api.health import health


def service_urlpatterns(api: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """``/health``, ``/admin/``, ``/schema`` (read by the gateway) and the service's API.

    A service serves its API under the same public path the gateway exposes
    (``/api/v1/...``), so the gateway forwards paths unchanged.
    """
    return [
        path("health", health, name="health"),
        path("admin/", admin.site.urls),
        path("schema", SpectacularJSONAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
        *api,
    ]
