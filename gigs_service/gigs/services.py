"""Write use-cases of gigs: create, edit, pause/resume, delete.

Each opens its transaction, locks the gig it checks, writes the outbox event with the
change and tells the search package (``search.gig_changed`` / ``search.gig_removed``).
Files are not transactional: a new cover is stored before the transaction and removed
again if it rolls back; a replaced or deleted cover is removed only after the commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common.api.errors import NotFound
from common.events.catalog.gigs import GigCreated, GigDeleted, GigUpdated
from common.events.outbox import publish
from gigs_service.gigs import images, search, selectors
from gigs_service.gigs.errors import GigHasOpenOrders, SellerProfileRequired
from gigs_service.gigs.models import Gig, GigOrder, SavedGig, Seller, average_of

# Fields a seller may set; ``cover_image`` and ``active`` are handled on their own.
EDITABLE = (
    "title",
    "description",
    "category",
    "sub_categories",
    "tags",
    "price",
    "expected_delivery_days",
    "basic_title",
    "basic_description",
)


def create_gig(*, seller_id: int, fields: dict[str, Any], cover: UploadedFile | None = None) -> Gig:
    """A new active gig of the seller; 403 ``seller_profile_required`` without a seller replica."""
    seller = Seller.objects.filter(user_id=seller_id).first()
    if seller is None:
        raise SellerProfileRequired()
    with _stored_cover(cover) as cover_name, transaction.atomic():
        gig = Gig.objects.create(seller=seller, cover_image=cover_name, **_editable(fields))
        publish(GigCreated(**state_of(gig)))
        search.gig_changed(gig)
    return gig


def update_gig(*, gig_id: int, seller_id: int, changes: dict[str, Any]) -> Gig:
    """Apply ``changes`` (editable fields, ``active``, ``cover_image``) to the seller's own gig.

    ``cover_image``: an upload replaces the cover, ``None`` removes it. Publishes
    ``gigs.gig.updated`` only when something changed.
    """
    replaces_cover = "cover_image" in changes
    upload = changes.get("cover_image")
    with _stored_cover(upload) as new_cover, transaction.atomic():
        gig = _own_gig_for_update(gig_id, seller_id)
        before = _snapshot(gig)
        old_cover = gig.cover_image.name
        for name, value in _editable(changes).items():
            setattr(gig, name, value)
        gig.active = changes.get("active", gig.active)
        if replaces_cover:
            gig.cover_image = new_cover
        if _snapshot(gig) == before:
            return gig
        gig.save()
        publish(GigUpdated(**state_of(gig)))
        search.gig_changed(gig)
        if replaces_cover and old_cover != new_cover:
            transaction.on_commit(lambda: images.delete(old_cover))
    return gig


def delete_gig(*, gig_id: int, seller_id: int) -> None:
    """Delete the seller's own gig; 409 ``gig_has_open_orders`` while orders of it are open."""
    with transaction.atomic():
        gig = _own_gig_for_update(gig_id, seller_id)
        if gig.open_orders > 0:
            raise GigHasOpenOrders()
        cover = gig.cover_image.name
        gig.delete()
        publish(GigDeleted(gig_id=gig_id, seller_id=seller_id, deleted_at=timezone.now()))
        search.gig_removed(gig_id)
        transaction.on_commit(lambda: images.delete(cover))


def save_gig(*, user_id: int, gig_id: int) -> tuple[SavedGig, bool]:
    """Save a gig the user can see to their favourites; whether it is new (saving twice keeps the first)."""
    gig = selectors.get_gig(gig_id=gig_id, viewer_id=user_id)
    return SavedGig.objects.get_or_create(user_id=user_id, gig=gig)


def unsave_gig(*, user_id: int, gig_id: int) -> None:
    """Remove the gig from the user's favourites; nothing to do when it is not there."""
    SavedGig.objects.filter(user_id=user_id, gig_id=gig_id).delete()


def state_of(gig: Gig) -> dict[str, Any]:
    """The fields of ``gigs.gig.created/updated``: the gig's whole public state."""
    return {
        "gig_id": gig.pk,
        "seller_id": gig.seller_id,
        "seller_username": gig.seller.username,
        "title": gig.title,
        "category": gig.category,
        "price": gig.price,
        "expected_delivery_days": gig.expected_delivery_days,
        "active": gig.active,
        "cover_image_url": images.public_url(gig.cover_image.name) or "",
        "changed_at": gig.updated_at,
    }


def _editable(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in fields.items() if name in EDITABLE}


def _snapshot(gig: Gig) -> dict[str, Any]:
    """Everything a seller can change, to tell an edit from a no-op."""
    return {name: getattr(gig, name) for name in (*EDITABLE, "active")} | {"cover": gig.cover_image.name}


def _own_gig_for_update(gig_id: int, seller_id: int) -> Gig:
    """The seller's gig, locked; 404 when it does not exist or belongs to someone else."""
    gig = Gig.objects.select_for_update().select_related("seller").filter(pk=gig_id, seller_id=seller_id).first()
    if gig is None:
        raise NotFound("No gig of yours has this id.")
    return gig


@contextmanager
def _stored_cover(upload: UploadedFile | None) -> Iterator[str]:
    """Check and store ``upload`` (``""`` when none); remove it again if the block fails."""
    name = images.store(images.check(upload)) if upload is not None else ""
    try:
        yield name
    except BaseException:
        images.delete(name)
        raise


# Use-cases of consumed events (called by ``handlers``, inside the inbox transaction).


def upsert_seller(
    *, user_id: int, username: str, full_name: str, one_liner: str, country: str, changed_at: datetime
) -> Seller | None:
    """Create or refresh the seller's replica; an event older than the row changes nothing (None)."""
    with transaction.atomic():
        seller = Seller.objects.select_for_update().filter(user_id=user_id).first()
        if seller is not None and changed_at <= seller.changed_at:
            return None
        summary = {"username": username, "full_name": full_name, "one_liner": one_liner, "country": country}
        seller, _ = Seller.objects.update_or_create(user_id=user_id, defaults={**summary, "changed_at": changed_at})
        # Search shows (and matches on) the seller's name.
        search.gigs_changed(seller.gigs.values_list("pk", flat=True))
        return seller


def open_order(*, order_id: UUID, gig_id: int) -> None:
    """Count a placed order as open on its gig, unless it was already seen (open, or closed first)."""
    with transaction.atomic():
        _, created = GigOrder.objects.get_or_create(order_id=order_id, defaults={"gig_id": gig_id, "open": True})
        if created:
            Gig.objects.filter(pk=gig_id).update(open_orders=F("open_orders") + 1)


def close_order(*, order_id: UUID, gig_id: int) -> None:
    """Stop counting a completed or cancelled order; remember it if its placement has not arrived yet."""
    with transaction.atomic():
        order = GigOrder.objects.select_for_update().filter(order_id=order_id).first()
        if order is None:
            GigOrder.objects.create(order_id=order_id, gig_id=gig_id, open=False)
            return
        if not order.open:
            return
        order.open = False
        order.save(update_fields=["open"])
        Gig.objects.filter(pk=gig_id, open_orders__gt=0).update(open_orders=F("open_orders") - 1)


def record_rating(*, gig_id: int, seller_id: int, rating: int) -> None:
    """Add a buyer's rating to the gig and to the seller's replica (either may be gone: skipped)."""
    with transaction.atomic():
        gig = Gig.objects.select_for_update().filter(pk=gig_id).first()
        if gig is not None:
            gig.ratings_count += 1
            gig.rating_total += rating
            gig.rating_breakdown = {**gig.rating_breakdown, str(rating): gig.rating_breakdown.get(str(rating), 0) + 1}
            gig.rating_average = average_of(gig.rating_total, gig.ratings_count)
            gig.save(update_fields=["ratings_count", "rating_total", "rating_breakdown", "rating_average"])
            search.gig_changed(gig)
        Seller.objects.filter(user_id=seller_id).update(
            ratings_count=F("ratings_count") + 1, rating_total=F("rating_total") + rating
        )
