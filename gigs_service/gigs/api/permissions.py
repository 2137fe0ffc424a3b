"""Permissions of the gigs API."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from common.auth.permissions import IsSignedIn
from common.auth.user import signed_in_user
from gigs_service.gigs import selectors
from gigs_service.gigs.errors import SELLER_PROFILE_REQUIRED, SellerProfileRequired


class HasSellerProfile(IsSignedIn):
    """Signed in, and a seller replica exists for the account.

    Not the token's ``is_seller``: right after becoming a seller the token still says no,
    and only the replica (from ``users.seller.created``) can back the gig's seller summary.
    """

    message = SellerProfileRequired.detail
    code = SELLER_PROFILE_REQUIRED

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and selectors.is_seller(user_id=signed_in_user(request).id)
