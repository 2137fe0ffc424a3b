"""Middleware every Django process of the fleet runs around its views.

- :class:`JsonErrorPagesMiddleware`: every error a client gets is the one JSON body, even the
  pages Django renders itself (its debug pages under ``DEBUG``, ``405`` of a function view);
- :class:`RefuseNulMiddleware`: a NUL character in the path is a 404 and in the query a 400
  naming the parameter, before any view (PostgreSQL stores no NUL in text, psycopg refuses it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse

from common.api.characters import NUL, message_for, printable

logger = logging.getLogger(__name__)

# The code of each status Django may answer by itself; any other status gets ``error``.
CODES = {
    400: "bad_request",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    500: "server_error",
}
DETAILS = {
    400: "Bad request.",
    403: "You do not have permission to perform this action.",
    404: "Not found.",
    405: "Method not allowed.",
    413: "Request body too large.",
    500: "Internal server error.",
}
# Headers of Django's own error answer that still hold on the JSON one.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")
# Only the admin is a site for people: its error pages stay Django's.
HTML_PREFIXES = ("/admin/",)


def error_body(status: int) -> dict[str, str]:
    """``{"code", "detail"}`` for an answer of ``status`` that had no JSON body."""
    return {"code": CODES.get(status, "error"), "detail": DETAILS.get(status, "Request failed.")}


def is_json(response: HttpResponseBase) -> bool:
    content_type = str(response.get("Content-Type", ""))
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


class JsonErrorPagesMiddleware:
    """Replaces any non-JSON error answer (Django's debug 404/500 pages included) by the JSON body.

    Django renders its technical pages under ``DEBUG`` without calling ``handler404`` or
    ``handler500``, and errors raised outside views never reach DRF's exception handler:
    this is the one place that sees every answer. The exception itself is already logged by
    Django (``django.request``) before the page is rendered.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            response = self.get_response(request)
        except Exception:
            # Django turns every error into an answer; one escaping means its error handling failed too.
            logger.exception("unhandled error while answering %s", request.path)
            return JsonResponse(error_body(500), status=500)
        if response.status_code < 400 or is_json(response) or request.path.startswith(HTML_PREFIXES):
            return response
        answer = JsonResponse(error_body(response.status_code), status=response.status_code)
        for name in KEPT_HEADERS:
            if name in response:
                answer[name] = response[name]
        return answer


class RefuseNulMiddleware:
    """404 for a NUL in the path (no such resource can exist), 400 naming a query parameter with one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if NUL in request.path:
            return JsonResponse(error_body(404), status=404)
        try:
            query = request.GET.lists()
        except TooManyFieldsSent:
            # Answered here: under DEBUG, Django's own page for it reads the query again and fails.
            return JsonResponse({"code": "bad_request", "detail": "Too many query parameters."}, status=400)
        found = {printable(key): message_for([key, values]) for key, values in query}
        fields = {name: [message] for name, message in sorted(found.items()) if message is not None}
        if fields:
            body = {"code": "invalid", "detail": f"Invalid input: {', '.join(fields)}.", "fields": fields}
            return JsonResponse(body, status=400)
        return self.get_response(request)
