"""JSON answers for paths outside DRF views, so even a 404 or 500 has the one shape."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """Django's ``handler404``."""
    return JsonResponse({"code": "not_found", "detail": "Not found."}, status=404)


def server_error(request: HttpRequest) -> JsonResponse:
    """Django's ``handler500`` (the error itself is logged by Django)."""
    return JsonResponse({"code": "server_error", "detail": "Internal server error."}, status=500)
