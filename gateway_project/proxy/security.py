"""Who is calling and from where: client IP, the CSRF origin check, CORS."""

from __future__ import annotations

from gateway_project.proxy.config import GatewayConfig
from gateway_project.proxy.responses import Headers

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CORS_METHODS = b"GET, POST, PUT, PATCH, DELETE, OPTIONS"
CORS_HEADERS = b"accept, accept-language, authorization, content-type, x-request-id"
CORS_MAX_AGE = b"600"


def same_origin(host: str | None, origin: str) -> bool:
    """True when ``origin`` names the host the request was sent to."""
    if not host:
        return False
    _, _, rest = origin.partition("://")
    return rest == host.lower()


def csrf_refusal(config: GatewayConfig, origin: str | None, fetch_site: str | None, host: str | None) -> str | None:
    """Why a cookie-authenticated unsafe request must be refused, or None.

    Browsers send the cookie with cross-site requests; ``Origin`` and
    ``Sec-Fetch-Site`` say where the request came from. Requests without them (API
    clients, old browsers on same-origin forms) pass: SameSite=Lax already withholds
    the cookie from cross-site POSTs in every current browser.
    """
    if fetch_site and fetch_site.lower() == "cross-site":
        return "Cross-site request refused."
    if origin is not None:
        lowered = origin.lower()
        if lowered not in config.allowed_origins and not same_origin(host, lowered):
            return "Request from a foreign origin refused."
    return None


def cors_headers(config: GatewayConfig, origin: str | None) -> Headers:
    """CORS headers for a response to the configured front-end origin (credentials allowed)."""
    if origin is None or origin.lower() != config.frontend_origin:
        return []
    return [
        (b"access-control-allow-origin", origin.encode()),
        (b"access-control-allow-credentials", b"true"),
        (b"access-control-expose-headers", b"retry-after, x-request-id"),
        (b"vary", b"Origin"),
    ]


def preflight_headers(config: GatewayConfig, origin: str | None) -> Headers:
    """Headers answering a CORS preflight (empty when the origin is not allowed)."""
    headers = cors_headers(config, origin)
    if headers:
        headers += [
            (b"access-control-allow-methods", CORS_METHODS),
            (b"access-control-allow-headers", CORS_HEADERS),
            (b"access-control-max-age", CORS_MAX_AGE),
        ]
    return headers
