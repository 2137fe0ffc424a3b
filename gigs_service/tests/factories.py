"""factory_boy factories, images and events of the gigs service's tests."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from common.events.catalog.orders import OrderCancelled, OrderCompleted, OrderPlaced
from common.events.catalog.reviews import ReviewCreated
from common.events.catalog.users import SellerCreated, SellerUpdated
from gigs_service.gigs.models import Gig, GigPackage, Seller

PROFILE_CHANGED_AT = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seller
        django_get_or_create = ["user_id"]

    user_id = factory.Sequence(lambda n: 5000 + n)
    username = factory.Sequence(lambda n: f"seller{n}")
    full_name = factory.LazyAttribute(lambda o: f"{o.username.title()} Smith")
    one_liner = "I make things look good"
    country = "Kenya"
    changed_at = PROFILE_CHANGED_AT


class GigFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gig
        skip_postgeneration_save = True

    seller = factory.SubFactory(SellerFactory)
    title = factory.Sequence(lambda n: f"I will design logo number {n}")
    description = "A clean, modern logo with three revisions."
    category = "Graphics & Design"
    sub_categories = factory.LazyFunction(lambda: ["Logo Design"])
    tags = factory.LazyFunction(lambda: ["logo", "branding"])
    price = Decimal("25.00")
    expected_delivery_days = 3
    basic_title = "Basic logo"
    basic_description = "One concept"

    @factory.post_generation
    def packages(gig: Gig, create: bool, extracted: list[dict[str, Any]] | None, **kwargs: Any) -> None:
        """The basic package from the gig's own fields, or ``packages=[...]`` (basic first, then the others)."""
        if not create:
            return
        basic = {
            "tier": "basic",
            "title": gig.basic_title,
            "description": gig.basic_description,
            "price": gig.price,
            "delivery_days": gig.expected_delivery_days,
            "revisions": None,
        }
        GigPackage.objects.bulk_create(GigPackage(gig=gig, **package) for package in (extracted or [basic]))


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    """A real image of ``size`` in ``image_format`` (Pillow's name: PNG, JPEG, WEBP, GIF...)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 20)).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(
    image_format: str = "PNG", *, name: str = "cover.png", content: bytes | None = None, **kwargs: Any
) -> SimpleUploadedFile:
    """A file upload as a multipart request carries it."""
    data = content if content is not None else image_bytes(image_format, **kwargs)
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def seller_created(**changes: Any) -> SellerCreated:
    fields = {
        "user_id": 1002,
        "username": "bob",
        "full_name": "Bob Builder",
        "one_liner": "I build logos",
        "country": "Peru",
        "changed_at": PROFILE_CHANGED_AT,
    }
    return SellerCreated(**{**fields, **changes})


def seller_updated(**changes: Any) -> SellerUpdated:
    return SellerUpdated(**seller_created(**changes).model_dump(exclude={"type", "version"}))


def _order_fields(gig: Gig, order_id: uuid.UUID, status: str) -> dict[str, Any]:
    return {
        "order_id": order_id,
        "gig_id": gig.pk,
        "gig_title": gig.title,
        "buyer_id": 1001,
        "buyer_username": "alice",
        "seller_id": gig.seller_id,
        "seller_username": gig.seller.username,
        "status": status,
        "price": gig.price,
        "service_fee": Decimal("3.38"),
        "total": gig.price + Decimal("3.38"),
        "due_at": timezone.now(),
        "occurred_at": timezone.now(),
    }


def order_placed(gig: Gig, order_id: uuid.UUID) -> OrderPlaced:
    return OrderPlaced(**_order_fields(gig, order_id, "in_progress"))


def order_completed(gig: Gig, order_id: uuid.UUID) -> OrderCompleted:
    fields = _order_fields(gig, order_id, "completed")
    return OrderCompleted(**fields, seller_earnings=gig.price, auto_completed=False)


def order_cancelled(gig: Gig, order_id: uuid.UUID) -> OrderCancelled:
    fields = _order_fields(gig, order_id, "cancelled")
    return OrderCancelled(**fields, cancelled_by_id=1001, reason="Changed my mind", refunded=fields["total"])


def review_created(gig: Gig, rating: int, *, side: str = "buyer") -> ReviewCreated:
    buyer, seller = (1001, "alice"), (gig.seller_id, gig.seller.username)
    reviewer, reviewee = (buyer, seller) if side == "buyer" else (seller, buyer)
    return ReviewCreated(
        review_id=uuid.uuid4().int % 10**6,
        order_id=uuid.uuid4(),
        gig_id=gig.pk,
        side=side,
        reviewer_id=reviewer[0],
        reviewer_username=reviewer[1],
        reviewee_id=reviewee[0],
        reviewee_username=reviewee[1],
        rating=rating,
        comment="Great",
        created_at=timezone.now(),
    )
