"""``GET /api/v1/orders/payment-config``: what a client needs to confirm a payment (anyone)."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/orders/payment-config"


def test_anyone_gets_the_provider_its_publishable_key_and_api_base(api_client, localstripe_url):
    response = api_client.get(URL)

    assert response.status_code == 200
    assert response.json() == {
        "provider": "stripe",
        "publishable_key": "pk_test_bazaar_local",
        "api_base": localstripe_url,
        "test_card": True,
    }


def test_clients_are_told_the_public_api_base_when_they_reach_the_provider_elsewhere(api_client, settings):
    settings.STRIPE_PUBLIC_API_BASE = "http://127.0.0.1:8420"

    assert api_client.get(URL).json()["api_base"] == "http://127.0.0.1:8420"


def test_a_signed_in_user_gets_it_too(api_client_as):
    assert api_client_as("alice").get(URL).status_code == 200


def test_a_request_that_did_not_come_through_the_gateway_is_refused(unsigned_client):
    response = unsigned_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"


def test_clients_are_told_to_use_stripe_js_when_payments_go_to_stripe(api_client, settings):
    settings.TEST_CARD_PAYMENTS = False

    assert api_client.get(URL).json()["test_card"] is False
