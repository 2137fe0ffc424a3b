"""URLs of the gateway's Django part; ``/api/v1/...`` never reaches Django (see ``asgi.py``)."""

from django.urls import path
from drf_spectacular.views import SpectacularSwaggerView

from gateway_project.proxy import health, schema

urlpatterns = [
    path("health", health.live, name="health"),
    path("health/ready", health.ready, name="health-ready"),
    path("api/schema", schema.schema, name="schema"),
    path("api/docs", SpectacularSwaggerView.as_view(url="/api/schema"), name="docs"),
]

handler404 = "common.api.views.not_found"
handler500 = "common.api.views.server_error"
