"""Write use-cases of seller profiles: becoming a seller and editing the profile."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from common.events import outbox
from common.events.catalog.users import SellerCreated, SellerUpdated
from users_service.profiles.errors import AlreadyASeller, BuyerProfilePending, EmailNotVerified, NotASeller
from users_service.profiles.models import BuyerProfile, SellerProfile

# What ``users.seller.*`` events carry besides the account's username and country: an edit
# of anything else concerns no other service, so it publishes nothing.
SUMMARY_FIELDS = frozenset({"full_name", "one_liner"})


def become_seller(*, user_id: int, fields: Mapping[str, Any]) -> SellerProfile:
    """Create the account's seller profile from ``fields`` and announce ``users.seller.created``.

    Raises ``BuyerProfilePending`` while the registration is in flight, ``EmailNotVerified``
    and ``AlreadyASeller``. The buyer row is locked, so two concurrent calls make one seller.
    """
    with transaction.atomic():
        buyer = BuyerProfile.objects.select_for_update().filter(user_id=user_id).first()
        if buyer is None:
            raise BuyerProfilePending()
        if SellerProfile.objects.filter(buyer=buyer).exists():
            raise AlreadyASeller()
        if not buyer.email_verified:
            raise EmailNotVerified()
        seller = SellerProfile.objects.create(buyer=buyer, **fields)
        buyer.is_seller = True
        buyer.save(update_fields=["is_seller", "updated_at"])
        outbox.publish(SellerCreated(**_summary(seller)))
        return seller


def edit_seller_profile(*, user_id: int, changes: Mapping[str, Any]) -> SellerProfile:
    """Apply ``changes`` (any subset of the profile fields) to the account's seller profile.

    Publishes ``users.seller.updated`` only when the public summary changed. Raises
    ``NotASeller`` when the account has no seller profile.
    """
    with transaction.atomic():
        seller = (
            SellerProfile.objects.select_for_update(of=("self",)).select_related("buyer").filter(pk=user_id).first()
        )
        if seller is None:
            raise NotASeller()
        changed = [name for name, value in changes.items() if getattr(seller, name) != value]
        if not changed:
            return seller
        for name in changed:
            setattr(seller, name, changes[name])
        seller.save(update_fields=[*changed, "updated_at"])
        if SUMMARY_FIELDS.intersection(changed):
            outbox.publish(SellerUpdated(**_summary(seller)))
        return seller


def _summary(seller: SellerProfile) -> dict[str, Any]:
    """The data of a ``users.seller.*`` event: the seller's public summary as of now."""
    return {
        "user_id": seller.buyer.user_id,
        "username": seller.buyer.username,
        "full_name": seller.full_name,
        "one_liner": seller.one_liner,
        "country": seller.buyer.country,
        "changed_at": seller.updated_at,
    }
