"""The client's request at the gateway: headers, path, declared and actual body, CSRF, client IP.

Every check here runs before the service is called, so a refused request costs the
fleet nothing but the gateway's own work.
"""

from __future__ import annotations

from gateway_project.proxy import cookies as ck
from gateway_project.proxy.config import GatewayConfig
from gateway_project.proxy.responses import GatewayError, Receive, Scope
from gateway_project.proxy.routes import Route, match
from gateway_project.proxy.security import UNSAFE_METHODS, csrf_refusal

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The methods the public API is made of. Any other (TRACE, CONNECT, made-up ones) is answered
# 405 by the gateway and never forwarded: TRACE would echo the request's headers, and an
# HTTP client sends CONNECT to an authority, not to the path the signature covers. The
# service answers a forwarded method its resource lacks (PUT on a gig) with its own 405
# naming the resource's exact methods.
FORWARDED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def request_headers(scope: Scope) -> dict[str, str]:
    """The request's headers by lower-case name (repeated Cookie headers joined)."""
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name = raw_name.decode("latin-1")
        value = raw_value.decode("latin-1")
        if name in headers:
            if name == "cookie":
                headers[name] += "; " + value
            continue
        headers[name] = value
    return headers


def is_preflight(method: str, headers: dict[str, str]) -> bool:
    """True for a CORS preflight, which the gateway answers itself."""
    return method == "OPTIONS" and "access-control-request-method" in headers


def route_for(path: str) -> Route:
    """The route serving ``path``; 404 for unknown paths and for dot or empty segments.

    Dot and empty segments are refused because services and routing could read them differently;
    a NUL names nothing that can exist.
    """
    if "\x00" in path:
        raise GatewayError(404, "not_found", "Not found.")
    if "//" in path or "/./" in path or "/../" in path or path.endswith(("/.", "/..")):
        raise GatewayError(404, "not_found", "Not found.")
    route = match(path)
    if route is None:
        raise GatewayError(404, "not_found", "Not found.")
    return route


def check_method(method: str) -> None:
    """405 with ``Allow`` for a method the gateway does not forward."""
    if method not in FORWARDED_METHODS:
        allow = ", ".join(FORWARDED_METHODS)
        raise GatewayError(405, "method_not_allowed", f'Method "{method}" not allowed.', allow=allow)


def media_type(content_type: str) -> str:
    """``application/json`` of ``application/json; charset=utf-8``."""
    return content_type.split(";", 1)[0].strip().lower()


def check_media_type(route: Route, content_type: str) -> None:
    """415 unless the body is JSON, or multipart on a route that takes uploads."""
    kind = media_type(content_type)
    if kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json")):
        return
    if kind == "multipart/form-data" and route.uploads:
        return
    allowed = "application/json or multipart/form-data" if route.uploads else "application/json"
    raise GatewayError(415, "unsupported_media_type", f"Request bodies must be {allowed}.")


def check_declared_body(route: Route, method: str, headers: dict[str, str], limit: int) -> None:
    """400, 413 and 415 from the headers alone, before reading anything."""
    length = headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise GatewayError(400, "bad_request", "Malformed Content-Length.")
        if int(length) > limit:
            raise GatewayError(413, "request_too_large", f"Request bodies are limited to {limit} bytes.")
    content_type = headers.get("content-type")
    if content_type is not None and method in BODY_METHODS and length != "0":
        check_media_type(route, content_type)


def check_csrf(
    config: GatewayConfig, method: str, bearer: str | None, cookies: dict[str, str], headers: dict[str, str]
) -> None:
    """403 for an unsafe request authenticated by cookie that comes from another site.

    A Bearer token is never sent by the browser on its own, so only cookies need the check.
    """
    if method not in UNSAFE_METHODS or bearer is not None:
        return
    if ck.ACCESS_COOKIE not in cookies and ck.REFRESH_COOKIE not in cookies:
        return
    reason = csrf_refusal(config, headers.get("origin"), headers.get("sec-fetch-site"), headers.get("host"))
    if reason:
        raise GatewayError(403, "csrf_failed", reason)


def ip_of(scope: Scope) -> str:
    """The client's IP: the socket peer, or what a trusted proxy said it is (asgi.py, ``TRUSTED_PROXIES``)."""
    return scope["client"][0] if scope.get("client") else ""


async def read_body(receive: Receive, limit: int) -> bytes:
    """The whole request body; 413 as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise GatewayError(400, "client_disconnected", "The client went away.")
        chunk = message.get("body", b"")
        if chunk:
            size += len(chunk)
            if size > limit:
                raise GatewayError(413, "request_too_large", f"Request bodies are limited to {limit} bytes.")
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def check_undeclared_body(route: Route, method: str, body: bytes, headers: dict[str, str]) -> None:
    """415 for a body sent without any Content-Type (the declared ones were checked before reading)."""
    if body and method in BODY_METHODS and "content-type" not in headers:
        check_media_type(route, "")
