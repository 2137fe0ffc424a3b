"""Access token validation shared by the gateway and every service (simplejwt, ES256)."""

from __future__ import annotations

from typing import Any

from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

REQUIRED_CLAIMS = ("user_id", "username", "jti", "exp")


class InvalidToken(Exception):
    """The token is malformed, forged, expired, of the wrong type, issuer or audience."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def validate_access_token(raw: str) -> dict[str, Any]:
    """The payload of a valid access token; raises :class:`InvalidToken` otherwise.

    simplejwt checks the signature against the public key with ``ES256`` only (so
    ``alg: none`` and HS256-with-the-public-key fail), ``exp``, ``iss``, ``aud`` and that
    ``token_type`` is ``access`` (a refresh token is refused).
    """
    try:
        payload = dict(AccessToken(raw).payload)  # type: ignore[arg-type]  # simplejwt's stub says Token, it takes str
    except TokenError as exc:
        code = "token_expired" if "expired" in str(exc).lower() else "token_invalid"
        raise InvalidToken(code, "Token is invalid or expired.") from exc
    if any(claim not in payload for claim in REQUIRED_CLAIMS):
        raise InvalidToken("token_invalid", "Token is missing required claims.")
    return payload


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, if any."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()
