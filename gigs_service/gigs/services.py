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
from common.events.catalog.auth import DELETED_USERNAME
from common.events.catalog.gigs import (
    GigCreated,
    GigCreatedV2,
    GigDeleted,
    GigUpdated,
    GigUpdatedV2,
    PackageState,
)
from common.events.outbox import publish
from gigs_service.gigs import images, search, selectors
from gigs_service.gigs.errors import GigHasOpenOrders, SellerProfileRequired, package_prices_must_rise
from gigs_service.gigs.models import TIERS, Gig, GigOrder, GigPackage, SavedGig, Seller, average_of, packages_of

# Fields a seller may set; ``cover_image``, ``active`` and ``packages`` are handled on their own.
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
# The gig's columns that mirror its basic package, and the package's name for each.
BASIC_MIRROR = {
    "price": "price",
    "expected_delivery_days": "delivery_days",
    "basic_title": "title",
    "basic_description": "description",
}
PACKAGE_FIELDS = ("tier", "title", "description", "price", "delivery_days", "revisions")


def create_gig(*, seller_id: int, fields: dict[str, Any], cover: UploadedFile | None = None) -> Gig:
    """A new active gig of the seller; 403 ``seller_profile_required`` without a seller replica.

    ``fields`` has ``packages``, or the basic package's ``price`` and ``expected_delivery_days``
    (and ``basic_title``, ``basic_description``): the gig then has that one package.
    """
    seller = Seller.objects.filter(user_id=seller_id).first()
    if seller is None:
        raise SellerProfileRequired()
    packages = fields.get("packages") or [_basic_from(fields)]
    with _stored_cover(cover) as cover_name, transaction.atomic():
        gig = Gig(seller=seller, cover_image=cover_name, **_editable(fields))
        _mirror_basic(gig, packages[0])
        gig.save()
        GigPackage.objects.bulk_create(GigPackage(gig=gig, **package) for package in packages)
        _publish_state(gig, GigCreated, GigCreatedV2)
        search.gig_changed(gig)
    return gig


def update_gig(*, gig_id: int, seller_id: int, changes: dict[str, Any]) -> Gig:
    """Apply ``changes`` (editable fields, ``active``, ``cover_image``) to the seller's own gig.

    ``cover_image``: an upload replaces the cover, ``None`` removes it. ``packages`` replaces
    every package; the basic package's fields (``price``, ...) change only it, and 400
    ``package_prices_must_rise`` when its price would no longer be below the standard's.
    Publishes ``gigs.gig.updated`` only when something changed.
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
        packages = changes.get("packages") or _with_basic_changes(gig)
        _mirror_basic(gig, packages[0])
        if _snapshot(gig) == before and _package_rows(gig) == packages:
            return gig
        gig.save()
        _replace_packages(gig, packages)
        _publish_state(gig, GigUpdated, GigUpdatedV2)
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
        _remove(gig)


def _remove(gig: Gig) -> None:
    gig_id, cover = gig.pk, gig.cover_image.name
    gig.delete()
    publish(GigDeleted(gig_id=gig_id, seller_id=gig.seller_id, deleted_at=timezone.now()))
    search.gig_removed(gig_id)
    transaction.on_commit(lambda: images.delete(cover))


def withdraw_deleted_account(*, user_id: int, deleted_at: datetime) -> None:
    """The account was deleted: its gigs go as if the seller deleted them, its favourites go, its name is erased.

    The seller summary stays, nameless, for events about it still on their way.
    """
    with transaction.atomic():
        for gig in Gig.objects.select_for_update().filter(seller_id=user_id):
            _remove(gig)
        SavedGig.objects.filter(user_id=user_id).delete()
        Seller.objects.filter(pk=user_id).update(
            username=DELETED_USERNAME, full_name="", one_liner="", country="", changed_at=deleted_at
        )


def save_gig(*, user_id: int, gig_id: int) -> tuple[SavedGig, bool]:
    """Save a gig the user can see to their favourites; whether it is new (saving twice keeps the first)."""
    gig = selectors.get_gig(gig_id=gig_id, viewer_id=user_id)
    return SavedGig.objects.get_or_create(user_id=user_id, gig=gig)


def unsave_gig(*, user_id: int, gig_id: int) -> None:
    """Remove the gig from the user's favourites; nothing to do when it is not there."""
    SavedGig.objects.filter(user_id=user_id, gig_id=gig_id).delete()


def _basic_from(fields: dict[str, Any]) -> dict[str, Any]:
    """The one package of a gig created without packages: its own fields, unlimited revisions."""
    package = {name: fields[mirror] for mirror, name in BASIC_MIRROR.items() if mirror in fields}
    return {"title": "", "description": "", **package, "tier": "basic", "revisions": None}


def _with_basic_changes(gig: Gig) -> list[dict[str, Any]]:
    """The gig's packages with the basic one taken from the gig's (maybe just edited) mirror columns."""
    packages = _package_rows(gig) or [_basic_from({})]
    packages[0] = {**packages[0], **{name: getattr(gig, mirror) for mirror, name in BASIC_MIRROR.items()}}
    if len(packages) > 1 and packages[1]["price"] <= packages[0]["price"]:
        raise package_prices_must_rise(packages[1]["price"])
    return packages


def _mirror_basic(gig: Gig, basic: dict[str, Any]) -> None:
    for mirror, name in BASIC_MIRROR.items():
        setattr(gig, mirror, basic[name])


def _package_rows(gig: Gig) -> list[dict[str, Any]]:
    """The gig's stored packages as plain values, basic first."""
    rows = GigPackage.objects.filter(gig=gig).values(*PACKAGE_FIELDS)
    return sorted(rows, key=lambda package: TIERS.index(package["tier"]))


def _replace_packages(gig: Gig, packages: list[dict[str, Any]]) -> None:
    GigPackage.objects.filter(gig=gig).exclude(tier__in=[package["tier"] for package in packages]).delete()
    for package in packages:
        GigPackage.objects.update_or_create(gig=gig, tier=package["tier"], defaults=package)


def _publish_state(
    gig: Gig, v1: type[GigCreated] | type[GigUpdated], v2: type[GigCreatedV2] | type[GigUpdatedV2]
) -> None:
    """Both versions of the event (ADR 0002): v1 for the consumers that have not moved to packages yet."""
    state = state_of(gig)
    publish(v1(**state))
    packages = [PackageState(**{name: getattr(p, name) for name in PACKAGE_FIELDS}) for p in packages_of(gig)]
    publish(v2(**state, packages=packages))


def state_of(gig: Gig) -> dict[str, Any]:
    """The fields of ``gigs.gig.created/updated`` v1: the gig's whole public state but its packages."""
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
