"""Permissions every service shares."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request

from common.auth.user import signed_in_user

__all__ = ["AllowAny", "IsSignedIn", "IsSeller", "IsStaff"]


class IsSignedIn(BasePermission):
    """A valid access token was presented."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and getattr(request.user, "is_authenticated", False))


class IsSeller(IsSignedIn):
    """Signed in and has a seller profile."""

    message = "Only sellers can do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and signed_in_user(request).is_seller


class IsStaff(IsSignedIn):
    """Signed in as staff."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and signed_in_user(request).is_staff
