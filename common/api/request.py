"""What a service may read about the caller from a gateway-forwarded request."""

from __future__ import annotations

import ipaddress

from rest_framework.request import Request


def client_ip(request: Request) -> str:
    """The caller's IP as the gateway saw it (``X-Client-IP``), else the socket peer."""
    candidate = request.headers.get("X-Client-IP", "").strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return str(request.META.get("REMOTE_ADDR", "")) or "unknown"
