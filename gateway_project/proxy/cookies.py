"""The gateway's cookies: tokens (HttpOnly, SameSite=Lax) and the device id."""

from __future__ import annotations

import re
import secrets

from gateway_project.proxy.config import GatewayConfig

ACCESS_COOKIE = "bazaar_access"
REFRESH_COOKIE = "bazaar_refresh"
DEVICE_COOKIE = "bazaar_device"
REFRESH_PATH = "/api/v1/auth"
DEVICE_SECONDS = 2 * 365 * 86400
_DEVICE_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def parse_cookies(header: str) -> dict[str, str]:
    """Name → value of a ``Cookie`` header (first occurrence wins)."""
    cookies: dict[str, str] = {}
    for chunk in header.split(";"):
        name, sep, value = chunk.strip().partition("=")
        if sep and name not in cookies:
            cookies[name] = value.strip().strip('"')
    return cookies


def set_cookie(config: GatewayConfig, name: str, value: str, *, max_age: int, path: str = "/") -> tuple[bytes, bytes]:
    """A ``Set-Cookie`` header: HttpOnly, SameSite=Lax, Secure unless local dev."""
    parts = [f"{name}={value}", f"Max-Age={max_age}", f"Path={path}", "HttpOnly", "SameSite=Lax"]
    if config.cookie_secure:
        parts.append("Secure")
    return (b"set-cookie", "; ".join(parts).encode())


def token_cookies(
    config: GatewayConfig, access: str, refresh: str | None, access_seconds: int | None
) -> list[tuple[bytes, bytes]]:
    """Cookies carrying freshly issued tokens."""
    headers = [set_cookie(config, ACCESS_COOKIE, access, max_age=access_seconds or config.access_cookie_seconds)]
    if refresh:
        headers.append(
            set_cookie(config, REFRESH_COOKIE, refresh, max_age=config.refresh_cookie_seconds, path=REFRESH_PATH)
        )
    return headers


def clear_token_cookies(config: GatewayConfig) -> list[tuple[bytes, bytes]]:
    """Cookies that delete both token cookies."""
    return [
        set_cookie(config, ACCESS_COOKIE, "", max_age=0),
        set_cookie(config, REFRESH_COOKIE, "", max_age=0, path=REFRESH_PATH),
    ]


def device_id(cookies: dict[str, str]) -> tuple[str, bool]:
    """The client's device id and whether it is new (missing or malformed cookie)."""
    value = cookies.get(DEVICE_COOKIE, "")
    if _DEVICE_ID.match(value):
        return value, False
    return secrets.token_urlsafe(24), True


def device_cookie(config: GatewayConfig, value: str) -> tuple[bytes, bytes]:
    """The long-lived device cookie."""
    return set_cookie(config, DEVICE_COOKIE, value, max_age=DEVICE_SECONDS)
