"""Every service's admin login is limited like the public signin.

Staff reach a service's ``/admin/`` on its own port, not through the gateway, so neither
the gateway's limits nor the auth service's apply there. This middleware counts failed
admin logins per minute per account (the submitted username) and per client IP (the
socket's address: nothing in front of the service rewrites it) with the signin's counters
(:mod:`common.auth.attempts`). At ``RATE_LIMIT_SENSITIVE`` failures the login answers 429
``too_many_attempts`` with ``Retry-After``, before any password is checked.

Why not django-axes: it would add its tables and migrations to seven databases (or its
cache handler plus an authentication backend per service), counts with another window than
the signin and sets no ``Retry-After``; the shared counters are forty lines already proven
by the signin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from common.auth import attempts

KEY_PREFIX = "admin:attempts:"
LOGIN_VIEW = "admin:login"


class AdminLoginThrottleMiddleware:
    """Refuses admin logins over the limit (429) and counts the failed ones."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        keys: list[str] | None = getattr(request, "_admin_login_keys", None)
        # The admin's login form is shown again (200) when the credentials were refused;
        # a successful login redirects.
        if keys is not None and response.status_code == 200:
            attempts.record_attempt(keys)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name != LOGIN_VIEW:
            return None
        keys = login_keys(request)
        wait = attempts.blocked_for(keys)
        if wait is not None:
            return too_many_attempts(wait)
        # Kept on the request for __call__, which counts the attempt once the response is known.
        request._admin_login_keys = keys  # type: ignore[attr-defined]  # an attribute of our own on Django's request
        return None


def login_keys(request: HttpRequest) -> list[str]:
    """This service's counters for the submitted username and the client's address."""
    return attempts.attempt_keys(
        f"{KEY_PREFIX}{settings.SERVICE_NAME}:",
        "login",
        account=str(request.POST.get("username", "")),
        client_ip=str(request.META.get("REMOTE_ADDR", "")),
    )


def too_many_attempts(retry_after: int) -> JsonResponse:
    response = JsonResponse({"code": "too_many_attempts", "detail": "Too many attempts. Try again later."}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
