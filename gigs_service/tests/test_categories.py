"""``GET /api/v1/categories``: every category with its number of active gigs."""

import pytest

from gigs_service.gigs.models import CATEGORIES
from gigs_service.tests.factories import GigFactory

pytestmark = pytest.mark.django_db


def test_every_category_is_listed_in_order_with_its_active_gigs_zero_included(api_client, bob):
    GigFactory.create_batch(2, seller=bob, category="Data")
    GigFactory(seller=bob, category="Data", active=False)
    GigFactory(seller=bob, category="Business")

    response = api_client.get("/api/v1/categories")

    assert response.status_code == 200
    expected = {name: 0 for name in CATEGORIES} | {"Data": 2, "Business": 1}
    assert response.json() == [{"name": name, "active_gigs": count} for name, count in expected.items()]


def test_a_signed_in_user_sees_the_same(api_client_as):
    assert len(api_client_as("alice").get("/api/v1/categories").json()) == len(CATEGORIES)


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client):
    assert unsigned_client.get("/api/v1/categories").status_code == 401
