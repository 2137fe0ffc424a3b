"""The gateway's own answers, written into every operation of the merged OpenAPI document.

The services document what they answer; the gateway answers some statuses itself before
(or instead of) calling them. Those are added here once, from the routing table, so the
document stays the contract without a service having to know about the gateway:

- 401 where the route reads a token (required, or optional and refused when it is bad);
- 403 ``csrf_failed`` on unsafe methods (a cookie-authenticated request from another site);
- 400, 413 and 415 on methods that carry a body (malformed length, too large, not JSON);
- 429 on every route, 502/503/504 on every forwarded one (the service failed, its circuit
  is open, or it was too slow).

Request bodies are documented as JSON only where the gateway refuses multipart (415).
"""

from __future__ import annotations

import re
from typing import Any

from common.api.schema import error_response
from gateway_project.proxy.inbound import BODY_METHODS
from gateway_project.proxy.routes import GATEWAY, Access, Route, match
from gateway_project.proxy.security import UNSAFE_METHODS

MULTIPART = "multipart/form-data"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_PARAMETER = re.compile(r"\{[^}/]+\}")

UNAUTHORIZED = "Not signed in, or the access token is invalid, expired or revoked."
CSRF_FAILED = "`csrf_failed`: a request authenticated by cookie came from another site."
BAD_REQUEST = "Invalid input; `fields` names each bad field."
TOO_LARGE = "The request body is larger than the gateway accepts."
UNSUPPORTED = "The request body is not JSON (or multipart where the operation takes files)."
RATE_LIMITED = "Too many requests; `Retry-After` says when to ask again."
UPSTREAM = {
    "502": "The service failed to answer.",
    "503": "The service is unavailable; `Retry-After` says when to ask again.",
    "504": "The service did not answer in time.",
}


def route_of(path: str) -> Route | None:
    """The route serving a templated path (each ``{parameter}`` stands for one segment)."""
    return match(_PARAMETER.sub("x", path))


def gateway_statuses(route: Route, method: str) -> dict[str, str]:
    """The statuses the gateway itself may answer for ``method`` on ``route``, and why."""
    method = method.upper()
    statuses: dict[str, str] = {}
    if method in BODY_METHODS:
        statuses.update({"400": BAD_REQUEST, "413": TOO_LARGE, "415": UNSUPPORTED})
    if route.access_for(method) is not Access.NONE:
        statuses["401"] = UNAUTHORIZED
    if method in UNSAFE_METHODS:
        statuses["403"] = CSRF_FAILED
    statuses["429"] = RATE_LIMITED
    if route.service != GATEWAY:
        statuses.update(UPSTREAM)
    return statuses


def add_gateway_answers(paths: dict[str, Any]) -> None:
    """Complete every proxied operation of ``paths`` with the gateway's own answers (in place)."""
    for path, operations in paths.items():
        route = route_of(path)
        if route is None:
            continue  # the gateway's Django views (health, this document) document themselves
        for method, operation in operations.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in gateway_statuses(route, method).items():
                responses.setdefault(status, error_response(description))
            operation["responses"] = dict(sorted(responses.items()))
            if not route.uploads:
                drop_multipart(operation)


def drop_multipart(operation: dict[str, Any]) -> None:
    """Remove the multipart body a service's parsers accept but the gateway refuses on this route."""
    content = (operation.get("requestBody") or {}).get("content")
    if content and MULTIPART in content and len(content) > 1:
        del content[MULTIPART]
