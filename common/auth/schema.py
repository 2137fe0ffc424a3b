"""How the shared authentication class appears in each service's OpenAPI document."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


# Subclassing registers the extension through drf-spectacular's untyped __init_subclass__.
class GatewayJWTScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """Clients see a Bearer JWT (or the gateway's cookie); the gateway signature is internal."""

    target_class = "common.auth.authentication.GatewayJWTAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


class GatewaySignatureOnlyScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]  # as above
    """Public endpoints: only the gateway's internal signature, nothing a client sends, so no security entry."""

    target_class = "common.auth.authentication.GatewaySignatureOnly"
    name: list[str] = []

    def get_security_requirement(self, auto_schema: Any) -> list[dict[str, list[Any]]]:
        return []

    def get_security_definition(self, auto_schema: Any) -> list[dict[str, str]]:
        return []
