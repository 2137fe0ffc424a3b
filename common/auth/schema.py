"""How the shared authentication class appears in each service's OpenAPI document."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class GatewayJWTScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """Clients see a Bearer JWT (or the gateway's cookie); the gateway signature is internal."""

    target_class = "common.auth.authentication.GatewayJWTAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
