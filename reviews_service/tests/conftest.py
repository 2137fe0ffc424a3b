"""Fixtures of the reviews service's suite: completed orders between the personas."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from common.events.catalog.orders import OrderCompleted
from reviews_service.reviews.models import CompletedOrder
from reviews_service.tests.factories import CompletedOrderFactory

ORDER_ID = uuid.UUID("6f1c2a9e-3b7d-4c15-9a52-0d8e4f7b1c33")
COMPLETED_AT = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def order_completed(**fields: Any) -> OrderCompleted:
    """The ``orders.order.completed`` event of alice's 40.00 order of bob's gig 7; ``fields`` replace data."""
    data: dict[str, Any] = {
        "order_id": ORDER_ID,
        "gig_id": 7,
        "gig_title": "A logo in a day",
        "buyer_id": 1001,
        "buyer_username": "alice",
        "seller_id": 1002,
        "seller_username": "bob",
        "status": "completed",
        "price": Decimal("40.00"),
        "service_fee": Decimal("4.20"),
        "total": Decimal("44.20"),
        "due_at": datetime(2026, 3, 25, tzinfo=UTC),
        "occurred_at": COMPLETED_AT,
        "seller_earnings": Decimal("32.00"),
        "auto_completed": False,
    }
    return OrderCompleted(**{**data, **fields})


@pytest.fixture
def completed_order(db: None) -> CompletedOrder:
    """Alice's order of bob's gig 7, known here as completed."""
    return CompletedOrderFactory(order_id=ORDER_ID, completed_at=COMPLETED_AT)
