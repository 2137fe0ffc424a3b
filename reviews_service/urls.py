"""URLs of the reviews service."""

from django.urls import include, path

from common.api.urls import service_urlpatterns

urlpatterns = service_urlpatterns([path("api/v1/", include("reviews_service.reviews.api.urls"))])

handler404 = "common.api.views.not_found"
handler500 = "common.api.views.server_error"
