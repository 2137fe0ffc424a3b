"""Read use-cases of the reviews service: the public lists and their rating summary."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Lower

from reviews_service.reviews.models import Review, Side

CENT = Decimal("0.01")
STARS = range(1, 6)


class RatingSummary(TypedDict):
    """The ratings of a list: mean to two decimals (None when empty), count, and count per star."""

    rating_average: Decimal | None
    ratings_count: int
    rating_breakdown: dict[str, int]


def reviews_of_gig(*, gig_id: int) -> QuerySet[Review]:
    """The buyers' reviews of the gig's orders, newest first."""
    return Review.objects.filter(side=Side.BUYER, gig_id=gig_id).order_by("-created_at", "-id")


def reviews_received_by_seller(*, username: str) -> QuerySet[Review]:
    """The reviews the seller received from buyers (on any gig), newest first; ``username`` in any case."""
    return (
        Review.objects.alias(reviewee_key=Lower("reviewee_username"))
        .filter(side=Side.BUYER, reviewee_key=username.lower())
        .order_by("-created_at", "-id")
    )


def reviews_received_by_buyer(*, username: str) -> QuerySet[Review]:
    """The reviews the buyer received from the sellers they ordered from, newest first; any case."""
    return (
        Review.objects.alias(reviewee_key=Lower("reviewee_username"))
        .filter(side=Side.SELLER, reviewee_key=username.lower())
        .order_by("-created_at", "-id")
    )


def rating_summary(reviews: QuerySet[Review]) -> RatingSummary:
    """The summary of every review in ``reviews`` (not only one page), in one query."""
    per_star = {f"stars_{stars}": Count("id", filter=Q(rating=stars)) for stars in STARS}
    totals = reviews.order_by().aggregate(count=Count("id"), total=Sum("rating"), **per_star)
    count = totals["count"]
    average = (Decimal(totals["total"]) / count).quantize(CENT, ROUND_HALF_UP) if count else None
    return {
        "rating_average": average,
        "ratings_count": count,
        "rating_breakdown": {str(stars): totals[f"stars_{stars}"] for stars in STARS},
    }
