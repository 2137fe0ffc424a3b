"""URLs of the auth service."""

from django.urls import include, path

from common.api.urls import service_urlpatterns

urlpatterns = service_urlpatterns([path("api/v1/auth/", include("auth_service.accounts.api.urls"))])

handler404 = "common.api.views.not_found"
handler500 = "common.api.views.server_error"
