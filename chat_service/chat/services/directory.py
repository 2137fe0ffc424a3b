"""Chat's copies of users and gigs, kept from events (idempotent, late events ignored)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import transaction

from chat_service.chat.models import ChatUser, Gig
from common.events import replicas


def record_user(*, user_id: int, username: str) -> ChatUser:
    """Add the account to the directory; an account already known is left as it is."""
    with transaction.atomic():
        user, _ = ChatUser.objects.get_or_create(user_id=user_id, defaults={"username": username})
        return user


def record_gig(*, gig_id: int, seller_id: int, title: str, price: Decimal, active: bool, changed_at: datetime) -> Gig:
    """Overwrite the replica with the gig's state as of ``changed_at``, unless it knows a newer one.

    Events are not ordered: an ``updated`` may overtake its ``created``, and a deleted gig
    stays deleted whatever arrives after.
    """
    state = {"seller_id": seller_id, "title": title, "price": price, "active": active, "changed_at": changed_at}
    return replicas.overwrite_if_newer(Gig, key={"gig_id": gig_id}, state=state)


def record_gig_deleted(*, gig_id: int, seller_id: int, deleted_at: datetime) -> Gig:
    """Mark the gig deleted (a tombstone when chat never heard of it, so it cannot come back)."""
    return replicas.mark_deleted(Gig, key={"gig_id": gig_id}, deleted_at=deleted_at, seller_id=seller_id)
