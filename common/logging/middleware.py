"""Request context for logs: the gateway's ``X-Request-ID`` (or a new one) per request, and its line."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from typing import TypeGuard

from django.http import HttpRequest, HttpResponse

from common.logging.context import causation_id_var, request_id_var, user_id_var
from common.logging.performance import log_request

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def well_formed(value: object) -> TypeGuard[str]:
    """True for an id fit to log and pass on: 8 to 64 letters, digits, dots, dashes or underscores."""
    return isinstance(value, str) and _VALID_ID.match(value) is not None


def clean_request_id(value: str | None) -> str:
    """The given id when well-formed, else a fresh one (never trust arbitrary header text)."""
    if value and well_formed(value):
        return value
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Binds the request id for logging, echoes it on the response, and logs the request's line.

    First in every process's ``MIDDLEWARE``, so the duration covers everything Django does.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request_id = clean_request_id(request.headers.get(REQUEST_ID_HEADER))
        # Not reset afterwards: Django logs the response (4xx/5xx) after the middleware
        # chain returns, and each request sets every value afresh anyway.
        request_id_var.set(request_id)
        causation_id_var.set(None)
        user_id_var.set(None)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        log_request(request.method or "", route_of(request), response.status_code, started)
        return response


def route_of(request: HttpRequest) -> str | None:
    """The URL pattern that served ``request`` (``/api/v1/gigs/<int:id>``), None when none matched."""
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None and match.route else None
