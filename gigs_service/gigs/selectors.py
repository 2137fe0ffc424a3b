"""Read use-cases of gigs (the search list lives in the ``search`` package)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL

from common.api.errors import NotFound
from gigs_service.gigs.models import CATEGORIES, Gig, SavedGig, Seller

SIMILAR_LIMIT = 10


def visible_gigs(*, viewer_id: int | None) -> QuerySet[Gig]:
    """Active gigs, plus the viewer's own paused ones."""
    visible = Q(active=True)
    if viewer_id is not None:
        visible |= Q(seller_id=viewer_id)
    return Gig.objects.filter(visible).select_related("seller").prefetch_related("packages")


def get_gig(*, gig_id: int, viewer_id: int | None) -> Gig:
    """The gig; 404 when it does not exist or is paused and the viewer is not its seller."""
    gig = visible_gigs(viewer_id=viewer_id).filter(pk=gig_id).first()
    if gig is None:
        raise NotFound("No gig has this id.")
    return gig


def similar_gigs(*, gig_id: int, viewer_id: int | None) -> QuerySet[Gig]:
    """Up to ten other active gigs of the same category, those sharing the most tags first.

    Ties go to the better rated. (Tag overlap, not title trigrams: sellers choose tags to
    say what a gig is, and it needs no extension.)
    """
    gig = get_gig(gig_id=gig_id, viewer_id=viewer_id)
    shared_tags = RawSQL(
        "cardinality(ARRAY(SELECT unnest(gigs_gig.tags) INTERSECT SELECT unnest(%s::varchar[])))", (gig.tags,)
    )
    return (
        Gig.objects.filter(active=True, category=gig.category)
        .exclude(pk=gig.pk)
        .select_related("seller")
        .prefetch_related("packages")
        .annotate(shared_tags=shared_tags)
        .order_by("-shared_tags", "-rating_average", "-ratings_count", "id")[:SIMILAR_LIMIT]
    )


def top_gigs(*, category: str) -> QuerySet[Gig]:
    """Active gigs of ``category``, best rated first."""
    return (
        Gig.objects.filter(active=True, category=category)
        .select_related("seller")
        .prefetch_related("packages")
        .order_by("-rating_average", "-ratings_count", "id")
    )


def gigs_of_seller(*, username: str, active: bool, viewer_id: int | None) -> QuerySet[Gig]:
    """The seller's active gigs, or their paused ones (only for the seller: empty for anyone else)."""
    seller = Seller.objects.filter(username__iexact=username).first()
    if seller is None:
        raise NotFound("No seller has this username.")
    gigs = Gig.objects.filter(seller=seller, active=active).select_related("seller").prefetch_related("packages")
    if not active and viewer_id != seller.user_id:
        return gigs.none()
    return gigs


def saved_gigs(*, user_id: int) -> QuerySet[SavedGig]:
    """The user's saved gigs, last saved first; a paused gig is left out until its seller resumes it."""
    return (
        SavedGig.objects.filter(user_id=user_id, gig__active=True)
        .select_related("gig__seller")
        .prefetch_related("gig__packages")
        .order_by("-saved_at", "-id")
    )


def category_counts() -> list[dict[str, object]]:
    """Every category in the fixed order, with its number of active gigs (zero included)."""
    counts = dict(
        Gig.objects.filter(active=True)
        .order_by()
        .values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    return [{"name": name, "active_gigs": counts.get(name, 0)} for name in CATEGORIES]


def is_seller(*, user_id: int) -> bool:
    """Whether a seller replica exists for the account (the token's claim may lag behind)."""
    return Seller.objects.filter(user_id=user_id).exists()
