"""``GET /api/v1/sellers/me/earnings``: what the signed-in seller earned, as exact decimals."""

from decimal import Decimal

import pytest

from users_service.profiles.models import SellerProfile

pytestmark = pytest.mark.django_db

URL = "/api/v1/sellers/me/earnings"


def test_a_seller_sees_earnings_average_selling_price_and_completed_orders(api_client_as, bob_seller):
    SellerProfile.objects.filter(pk=1002).update(
        completed_jobs=3, total_earnings=Decimal("113.40"), total_sales=Decimal("126.00")
    )

    response = api_client_as("bob").get(URL)

    assert response.status_code == 200
    assert response.json() == {"total_earnings": "113.40", "average_selling_price": "42.00", "completed_orders": 3}


def test_the_average_is_rounded_to_the_cent(api_client_as, bob_seller):
    SellerProfile.objects.filter(pk=1002).update(completed_jobs=3, total_sales=Decimal("100.00"))

    assert api_client_as("bob").get(URL).json()["average_selling_price"] == "33.33"


def test_a_seller_with_no_completed_order_has_earned_nothing(api_client_as, bob_seller):
    response = api_client_as("bob").get(URL)

    assert response.json() == {"total_earnings": "0.00", "average_selling_price": "0.00", "completed_orders": 0}


def test_a_buyer_who_is_not_a_seller_is_refused(api_client_as, alice_profile, bob_seller):
    response = api_client_as("alice").get(URL)

    assert response.status_code == 403
    assert response.json()["code"] == "not_a_seller"


def test_another_seller_never_sees_bobs_earnings(api_client_as, bob_seller):
    response = api_client_as("charlie").get(URL)

    assert response.status_code == 403
    assert response.json()["code"] == "not_a_seller"


def test_an_anonymous_request_is_refused(api_client, bob_seller):
    response = api_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, bob_seller):
    response = unsigned_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
