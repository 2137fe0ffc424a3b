"""``GET /api/v1/sellers/{username}``: anyone sees a seller's public profile and stats."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from common.testing.client import GatewayClient
from users_service.profiles.models import SellerProfile

pytestmark = pytest.mark.django_db


def test_anyone_sees_a_sellers_profile_and_stats(api_client, bob_seller):
    SellerProfile.objects.filter(pk=1002).update(
        ratings_count=3,
        rating_sum=11,
        rating_3_count=1,
        rating_4_count=1,
        rating_5_count=1,
        ongoing_jobs=2,
        completed_jobs=5,
        cancelled_jobs=1,
        total_gigs=4,
        total_earnings=Decimal("188.00"),
        recent_delivery_at=datetime(2026, 3, 20, 12, 0, tzinfo=UTC),
    )

    response = api_client.get("/api/v1/sellers/bob")

    assert response.status_code == 200
    body = response.json()
    assert {name: body[name] for name in ("username", "country", "member_since", "full_name", "one_liner")} == {
        "username": "bob",
        "country": "Ghana",
        "member_since": "2025-11-05T08:00:00Z",
        "full_name": "Bob Mensah",
        "one_liner": "Logos in a day",
    }
    assert {name: body[name] for name in ("rating_average", "ratings_count", "rating_breakdown")} == {
        "rating_average": 3.67,
        "ratings_count": 3,
        "rating_breakdown": {"1": 0, "2": 0, "3": 1, "4": 1, "5": 1},
    }
    assert (body["ongoing_jobs"], body["completed_jobs"], body["cancelled_jobs"], body["total_gigs"]) == (2, 5, 1, 4)
    assert (body["total_earnings"], body["recent_delivery_at"]) == ("188.00", "2026-03-20T12:00:00Z")


def test_the_public_profile_never_shows_the_email_or_the_account_id(api_client, bob_seller):
    body = api_client.get("/api/v1/sellers/bob").json()

    assert "email" not in body and "user_id" not in body
    assert "bob@example.com" not in str(body)


def test_the_username_matches_in_any_case(api_client, bob_seller):
    response = api_client.get("/api/v1/sellers/BoB")

    assert (response.status_code, response.json()["username"]) == (200, "bob")


def test_a_buyer_who_is_not_a_seller_is_a_404(api_client, alice_profile):
    response = api_client.get("/api/v1/sellers/alice")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_unknown_username_is_a_404(api_client, bob_seller):
    response = api_client.get("/api/v1/sellers/nobody")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_signed_in_user_sees_it_too(api_client_as, bob_seller):
    assert api_client_as("alice").get("/api/v1/sellers/bob").status_code == 200


def test_a_stale_access_token_does_not_get_in_the_way(token_for, bob_seller):
    response = GatewayClient(token=token_for("alice", lifetime=-60)).get("/api/v1/sellers/bob")

    assert response.status_code == 200


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, bob_seller):
    response = unsigned_client.get("/api/v1/sellers/bob")

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
