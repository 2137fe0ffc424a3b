"""URLs of the gigs service."""

from django.urls import include, path

from common.api.urls import service_urlpatterns

urlpatterns = service_urlpatterns([path("api/v1/", include("gigs_service.gigs.api.urls"))])

handler404 = "common.api.views.not_found"
handler500 = "common.api.views.server_error"
