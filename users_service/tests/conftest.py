"""Fixtures of the users service's suite: the personas' profiles and the events that change them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from common.events.catalog.auth import UserRegistered
from common.events.catalog.gigs import GigCreated
from common.events.catalog.orders import OrderEvent
from common.events.catalog.reviews import ReviewCreated
from common.testing.plugin import PERSONAS
from users_service.profiles.models import BuyerProfile, SellerProfile
from users_service.tests.factories import BuyerProfileFactory, SellerProfileFactory

ALICE_REGISTERED_AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Local uploads go to a fresh folder per test (the storage is the real FileSystemStorage)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.GATEWAY_URL = "https://bazaar.test"
    return tmp_path / "media"


def registration_of(name: str, *, country: str = "Kenya") -> UserRegistered:
    """The ``auth.user.registered`` event of a persona, as the auth service publishes it."""
    persona = PERSONAS[name]
    return UserRegistered(user_id=persona.user_id, username=persona.username, email=persona.email, country=country)


@pytest.fixture
def alice_profile(db: None) -> BuyerProfile:
    """Alice's profile, unverified, as her registration created it."""
    persona = PERSONAS["alice"]
    return BuyerProfileFactory(
        user_id=persona.user_id, username="alice", email=persona.email, created_at=ALICE_REGISTERED_AT
    )


BOB_REGISTERED_AT = datetime(2025, 11, 5, 8, 0, tzinfo=UTC)


@pytest.fixture
def verified_alice(alice_profile: BuyerProfile) -> BuyerProfile:
    """Alice's profile once ``auth.email.verified`` reached the users service."""
    alice_profile.email_verified = True
    alice_profile.save()
    return alice_profile


@pytest.fixture
def bob_seller(db: None) -> SellerProfile:
    """Bob, a seller from Ghana with no stats yet."""
    persona = PERSONAS["bob"]
    buyer = BuyerProfileFactory(
        user_id=persona.user_id,
        username="bob",
        email=persona.email,
        email_verified=True,
        is_seller=True,
        country="Ghana",
        created_at=BOB_REGISTERED_AT,
    )
    return SellerProfileFactory(buyer=buyer, full_name="Bob Mensah", one_liner="Logos in a day")


def seller_input(**overrides: Any) -> dict[str, Any]:
    """A complete, valid ``POST /sellers`` body; ``overrides`` replace fields (``None`` drops one)."""
    body: dict[str, Any] = {
        "full_name": "Alice Wanjiru",
        "one_liner": "Data dashboards that people read",
        "description": "I turn spreadsheets into dashboards.",
        "skills": ["python", "sql"],
        "languages": [{"language": "English", "level": "fluent"}, {"language": "Swahili", "level": "native"}],
        "experience": [
            {"company": "Acme", "title": "Analyst", "start_month": "2019-02", "end_month": "2023-06", "description": ""}
        ],
        "education": [
            {
                "country": "Kenya",
                "university": "University of Nairobi",
                "title": "B.Sc.",
                "major": "Maths",
                "year": 2018,
            }
        ],
        "certificates": [{"name": "Data Analyst", "issuer": "Google", "year": 2021}],
        "social_links": ["https://github.com/alice"],
        "response_time_hours": 12,
    }
    body.update(overrides)
    return {name: value for name, value in body.items() if value is not None}


def order_event(event_class: type[OrderEvent], *, seller_id: int = 1002, **fields: Any) -> OrderEvent:
    """An ``orders.order.*`` event of a 40.00 order of alice's from ``seller_id``."""
    data: dict[str, Any] = {
        "order_id": uuid.uuid4(),
        "gig_id": 7,
        "gig_title": "A logo",
        "buyer_id": 1001,
        "buyer_username": "alice",
        "seller_id": seller_id,
        "seller_username": "bob",
        "status": "in_progress",
        "price": Decimal("40.00"),
        "service_fee": Decimal("4.20"),
        "total": Decimal("44.20"),
        "due_at": datetime(2026, 4, 1, tzinfo=UTC),
        "occurred_at": datetime(2026, 3, 20, 12, 0, tzinfo=UTC),
    }
    return event_class(**{**data, **fields})


def gig_created(*, seller_id: int = 1002, gig_id: int = 7) -> GigCreated:
    return GigCreated(
        gig_id=gig_id,
        seller_id=seller_id,
        seller_username="bob",
        title="A logo",
        category="design",
        price=Decimal("40.00"),
        expected_delivery_days=3,
        active=True,
        cover_image_url="https://cdn.example.com/logo.png",
        changed_at=datetime(2026, 3, 10, tzinfo=UTC),
    )


def review_created(*, side: str = "buyer", rating: int = 5, reviewee_id: int = 1002) -> ReviewCreated:
    """A review of an order between alice (buyer, 1001) and bob (seller, 1002)."""
    buyer_side = side == "buyer"
    return ReviewCreated(
        review_id=1,
        order_id=uuid.uuid4(),
        gig_id=7,
        side=side,
        reviewer_id=1001 if buyer_side else 1002,
        reviewer_username="alice" if buyer_side else "bob",
        reviewee_id=reviewee_id,
        reviewee_username="bob" if buyer_side else "alice",
        rating=rating,
        comment="Great",
        created_at=datetime(2026, 3, 21, tzinfo=UTC),
    )
