"""Migrating gigs to packages: every gig made before packages gets one basic package from its own fields."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("gigs", "0006_saved_gigs")]
AFTER = [("gigs", "0007_gig_packages")]


@pytest.fixture
def executor(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_each_existing_gig_becomes_one_basic_package_with_unlimited_revisions(executor):
    old = executor.loader.project_state(BEFORE).apps
    seller = old.get_model("gigs", "Seller").objects.create(
        user_id=1002, username="bob", full_name="Bob", changed_at=timezone.now()
    )
    gig = old.get_model("gigs", "Gig").objects.create(
        seller=seller,
        title="Logo",
        description="A logo",
        category="Graphics & Design",
        price=Decimal("25.00"),
        expected_delivery_days=3,
        basic_title="Basic logo",
        basic_description="One concept",
    )

    executor.loader.build_graph()
    executor.migrate(AFTER)

    new = executor.loader.project_state(AFTER).apps
    packages = new.get_model("gigs", "GigPackage").objects.filter(gig_id=gig.pk)
    assert list(packages.values("tier", "title", "description", "price", "delivery_days", "revisions")) == [
        {
            "tier": "basic",
            "title": "Basic logo",
            "description": "One concept",
            "price": Decimal("25.00"),
            "delivery_days": 3,
            "revisions": None,
        }
    ]
