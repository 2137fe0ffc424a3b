"""``GET /api/v1/sellers/me``: the signed-in seller's own profile and stats."""

from decimal import Decimal

import pytest

from users_service.profiles.models import SellerProfile
from users_service.tests.factories import SellerProfileFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/sellers/me"


def test_a_seller_sees_their_own_profile_and_stats(api_client_as, bob_seller):
    SellerProfile.objects.filter(pk=1002).update(
        ratings_count=2, rating_sum=9, rating_4_count=1, rating_5_count=1, total_earnings=Decimal("70.40")
    )

    response = api_client_as("bob").get(URL)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "user_id", "username", "country", "avatar_url", "member_since", "seller_since", "full_name", "one_liner",
        "description", "skills", "languages", "experience", "education", "certificates", "social_links",
        "response_time_hours", "rating_average", "ratings_count", "rating_breakdown", "ongoing_jobs",
        "completed_jobs", "cancelled_jobs", "total_earnings", "total_gigs", "recent_delivery_at", "updated_at",
    }  # fmt: skip
    assert (body["user_id"], body["username"], body["full_name"]) == (1002, "bob", "Bob Mensah")
    assert (body["country"], body["member_since"]) == ("Ghana", "2025-11-05T08:00:00Z")
    assert (body["rating_average"], body["ratings_count"], body["total_earnings"]) == (4.5, 2, "70.40")
    assert body["rating_breakdown"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}


def test_a_counter_briefly_below_zero_shows_as_zero(api_client_as, bob_seller):
    # A cancellation counted before its order's placement (events are not ordered).
    SellerProfile.objects.filter(pk=1002).update(ongoing_jobs=-1)

    assert api_client_as("bob").get(URL).json()["ongoing_jobs"] == 0


def test_a_buyer_who_is_not_a_seller_is_refused(api_client_as, alice_profile, bob_seller):
    response = api_client_as("alice").get(URL)

    assert response.status_code == 403
    assert response.json()["code"] == "not_a_seller"


def test_a_seller_token_without_a_seller_profile_is_refused(api_client_as, bob_seller):
    # Charlie's token says seller; only the profile here makes one.
    response = api_client_as("charlie").get(URL)

    assert response.status_code == 403
    assert response.json()["code"] == "not_a_seller"


def test_a_new_seller_whose_token_is_not_refreshed_yet_is_one(api_client_as, verified_alice):
    SellerProfileFactory(buyer=verified_alice)  # alice's token still says she is not a seller

    response = api_client_as("alice").get(URL)

    assert (response.status_code, response.json()["username"]) == (200, "alice")


def test_an_anonymous_request_is_refused(api_client, bob_seller):
    response = api_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, bob_seller):
    response = unsigned_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
