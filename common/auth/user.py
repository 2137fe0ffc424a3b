"""The user a service sees: built from token claims, never from a shared user table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rest_framework.exceptions import NotAuthenticated

if TYPE_CHECKING:
    from rest_framework.request import Request


@dataclass(frozen=True)
class ClaimsUser:
    """A signed-in user as the access token describes them."""

    id: int
    username: str
    email: str
    is_seller: bool = False
    is_staff: bool = False
    email_verified: bool = False
    token_id: str = ""

    is_authenticated = True
    is_anonymous = False
    is_active = True

    @property
    def pk(self) -> int:
        return self.id

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> ClaimsUser:
        """Build from a validated access token's payload."""
        return cls(
            id=int(claims["user_id"]),
            username=str(claims["username"]),
            email=str(claims.get("email", "")),
            is_seller=bool(claims.get("is_seller", False)),
            is_staff=bool(claims.get("is_staff", False)),
            email_verified=bool(claims.get("email_verified", False)),
            token_id=str(claims.get("jti", "")),
        )


def signed_in_user(request: Request) -> ClaimsUser:
    """The user of a request that must be signed in (behind ``IsSignedIn``); 401 for anyone else."""
    user = request.user
    if not isinstance(user, ClaimsUser):
        raise NotAuthenticated()
    return user


def token_claims(request: Request) -> dict[str, Any]:
    """The claims of the access token of a request that must be signed in; 401 without one."""
    claims = request.auth
    if not isinstance(claims, dict):
        raise NotAuthenticated()
    return claims
