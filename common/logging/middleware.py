"""Request context for logs: the gateway's ``X-Request-ID`` (or a new one) per request."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from common.logging.context import request_id_var, user_id_var

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def clean_request_id(value: str | None) -> str:
    """The given id when well-formed, else a fresh one (never trust arbitrary header text)."""
    if value and _VALID_ID.match(value):
        return value
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Binds the request id for logging and echoes it on the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = clean_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        # Not reset afterwards: Django logs the response (4xx/5xx) after the middleware
        # chain returns, and each request sets both values afresh anyway.
        request_id_var.set(request_id)
        user_id_var.set(None)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response
