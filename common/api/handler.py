"""DRF exception handler: every error leaves a service in the one JSON shape."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from common.api.errors import BazaarError

logger = logging.getLogger(__name__)
NON_FIELD_ERRORS = api_settings.NON_FIELD_ERRORS_KEY

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


def _messages(detail: Any, path: str = "") -> list[str]:
    """Every message under ``detail``, each prefixed with where it is below the field (``1.level: ...``)."""
    if isinstance(detail, dict):
        items = list(detail.items())
    elif isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        items = [(str(index), item) for index, item in enumerate(detail)]
    else:
        prefix = f"{path}: " if path else ""
        return [prefix + str(message) for message in (detail if isinstance(detail, list) else [detail])]
    # DRF puts an empty {} or [] for the list items that are fine; an object's own errors need no key.
    return [message for key, value in items if value for message in _messages(value, _below(path, str(key)))]


def _below(path: str, key: str) -> str:
    if key == NON_FIELD_ERRORS:
        return path
    return f"{path}.{key}" if path else key


def _field_messages(detail: Any) -> dict[str, list[str]]:
    """``{field: [messages]}``: DRF nests the errors of list items and nested objects, the one error body does not.

    A nested message says where it belongs: ``{"languages": ["1.level: ..."]}``.
    """
    if not isinstance(detail, dict):
        return {NON_FIELD_ERRORS: _messages(detail)}
    return {str(name): _messages(value) for name, value in detail.items()}


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
        # Only some APIException subclasses carry these (NotAuthenticated, Throttled).
        auth_header = getattr(exc, "auth_header", None)
        if auth_header:
            headers["WWW-Authenticate"] = auth_header
        wait = getattr(exc, "wait", None)
        if wait:
            headers["Retry-After"] = str(int(wait))
        return Response(_api_exception_body(exc), status=exc.status_code, headers=headers)
    return None
