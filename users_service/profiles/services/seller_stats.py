"""Seller stats, counted from the events of the gigs, orders and reviews services.

Every change is one ``UPDATE ... SET n = n + 1``: PostgreSQL locks the row for it and a
concurrent update re-reads the committed value, so no increment is lost and no explicit
lock is needed. The inbox (``common.events.handlers.apply``) makes each event count once.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.db.models.functions import Greatest

from users_service.profiles.errors import SellerNotYetCreated
from users_service.profiles.models import SellerProfile
from users_service.profiles.services.deletion import is_deleted


def count_gig_created(*, seller_id: int) -> None:
    _update(seller_id, total_gigs=F("total_gigs") + 1)


def count_gig_deleted(*, seller_id: int) -> None:
    _update(seller_id, total_gigs=F("total_gigs") - 1)


def count_order_placed(*, seller_id: int) -> None:
    _update(seller_id, ongoing_jobs=F("ongoing_jobs") + 1)


def record_delivery(*, seller_id: int, delivered_at: datetime) -> None:
    """Move ``recent_delivery_at`` forward only: a late, older delivery event leaves it alone."""
    # PostgreSQL's GREATEST skips NULLs, so the first delivery sets it.
    _update(seller_id, recent_delivery_at=Greatest(F("recent_delivery_at"), delivered_at))


def count_order_completed(*, seller_id: int, price: Decimal, seller_earnings: Decimal) -> None:
    _update(
        seller_id,
        ongoing_jobs=F("ongoing_jobs") - 1,
        completed_jobs=F("completed_jobs") + 1,
        total_earnings=F("total_earnings") + seller_earnings,
        total_sales=F("total_sales") + price,
    )


def count_order_cancelled(*, seller_id: int) -> None:
    _update(seller_id, ongoing_jobs=F("ongoing_jobs") - 1, cancelled_jobs=F("cancelled_jobs") + 1)


def count_rating(*, seller_id: int, rating: int) -> None:
    """A buyer rated the seller ``rating`` stars (1 to 5)."""
    star_field = f"rating_{rating}_count"
    _update(
        seller_id,
        ratings_count=F("ratings_count") + 1,
        rating_sum=F("rating_sum") + rating,
        **{star_field: F(star_field) + 1},
    )


def _update(seller_id: int, **changes: Any) -> None:
    """Apply ``changes`` to the seller's row; ``SellerNotYetCreated`` (so the event is retried) when none."""
    if not SellerProfile.objects.filter(pk=seller_id).update(**changes) and not is_deleted(seller_id):
        raise SellerNotYetCreated(f"no seller profile for user {seller_id} yet")
