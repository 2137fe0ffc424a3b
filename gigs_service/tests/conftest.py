"""Fixtures of the gigs service's suite: uploads in a temporary folder, the sellers' replicas, JSON helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from common.events.outbox.models import OutboxMessage
from common.testing.client import GatewayClient
from gigs_service.gigs.models import Seller
from gigs_service.tests.factories import SellerFactory


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    """Local uploads go to a fresh folder per test (the storage is the real FileSystemStorage)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.GATEWAY_URL = "https://bazaar.test"
    return tmp_path / "media"


@pytest.fixture
def bob(db: None) -> Seller:
    """Bob's seller replica, as ``users.seller.created`` made it."""
    return SellerFactory(user_id=1002, username="bob", full_name="Bob Builder", one_liner="Logos", country="Peru")


@pytest.fixture
def charlie(db: None) -> Seller:
    return SellerFactory(user_id=1003, username="charlie", full_name="Charlie Day", country="Chile")


def send_json(client: GatewayClient, method: str, path: str, body: Any) -> Any:
    """``method`` a JSON body to ``path``."""
    return client.generic(method, path, json.dumps(body), content_type="application/json")


def stored_files(root: Path) -> list[str]:
    """Every file under the uploads folder, relative to it."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def published_types() -> list[str]:
    return list(OutboxMessage.objects.order_by("occurred_at", "pk").values_list("type", flat=True))
