"""DRF exception handler: every error leaves a service in the one JSON shape."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

from common.api.errors import BazaarError

logger = logging.getLogger(__name__)

DRF_CODES = {
    exceptions.ParseError: "malformed_request",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "rate_limited",
}


def _flatten(detail: Any) -> Any:
    """ErrorDetail trees as plain strings, lists and dicts."""
    if isinstance(detail, dict):
        return {str(key): _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def _field_messages(detail: Any, name: str = "") -> dict[str, list[str]]:
    """``{field: [messages]}``, a nested field named by its path: ``languages.0.level``, ``tags.6``.

    DRF nests the errors of list items and nested objects; the one error body keeps a flat map.
    """
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for key, value in detail.items():
            found.update(_field_messages(value, f"{name}.{key}" if name else str(key)))
        return found
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        found = {}
        for index, item in enumerate(detail):
            if item:  # DRF puts {} for the list items that are fine
                found.update(_field_messages(item, f"{name}.{index}" if name else str(index)))
        return found
    messages = detail if isinstance(detail, list) else [detail]
    return {name or "non_field_errors": [str(message) for message in messages]}


def _validation_body(exc: exceptions.ValidationError) -> dict[str, Any]:
    fields = _field_messages(exc.detail)
    names = ", ".join(fields)
    return {"code": "invalid", "detail": f"Invalid input: {names}.", "fields": fields}


def _api_exception_body(exc: exceptions.APIException) -> dict[str, Any]:
    detail = exc.detail
    if isinstance(detail, dict) and "detail" in detail:
        detail = detail["detail"]
    own_code = getattr(detail, "code", None)
    # A code given on purpose (``AuthenticationFailed(code="token_expired")``) wins over
    # the generic code of the exception's class.
    chosen = own_code and own_code != exc.default_code
    code = own_code if chosen else DRF_CODES.get(type(exc), exc.default_code)
    return {"code": str(code), "detail": str(_flatten(detail))}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn domain errors, DRF errors and 404s into ``{"code", "detail"[, "fields"]}``."""
    headers: dict[str, str] = {}
    if isinstance(exc, BazaarError):
        if exc.retry_after is not None:
            headers["Retry-After"] = str(exc.retry_after)
        return Response(exc.body(), status=exc.status, headers=headers)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ValidationError):
        return Response(_validation_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.APIException):
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        return Response(_api_exception_body(exc), status=exc.status_code, headers=headers)
    return None
