"""``POST /api/v1/orders/payment-intent/test-card``: the local checkout a browser can really do.

localstripe refuses publishable keys, so a browser cannot confirm there as Stripe.js would;
while payments go to a local stand-in, orders confirms the buyer's own intent with a test card.
"""

import pytest

from orders_service.orders.payments.local import is_local_stand_in
from orders_service.tests.conftest import ORDERS, post

pytestmark = pytest.mark.django_db
URL = f"{ORDERS}/payment-intent/test-card"


@pytest.fixture
def open_intent(api_client_as, bobs_gig):
    """A payment intent alice opened for bob's gig, not paid yet."""
    return post(api_client_as("alice"), f"{ORDERS}/payment-intent", {"gig_id": 501}).json()["payment_intent_id"]


def test_the_buyer_pays_her_intent_with_the_test_card_and_can_then_order(api_client_as, open_intent):
    alice = api_client_as("alice")

    response = post(alice, URL, {"payment_intent_id": open_intent})

    assert response.status_code == 200
    assert response.json() == {"payment_intent_id": open_intent, "status": "succeeded"}
    placed = post(alice, ORDERS, {"payment_intent_id": open_intent, "requirements": "A fox"})
    assert placed.status_code == 201


def test_nobody_pays_someone_elses_intent(api_client_as, open_intent):
    response = post(api_client_as("mallory"), URL, {"payment_intent_id": open_intent})

    assert response.status_code == 404
    assert response.json()["code"] == "payment_not_found"


def test_nothing_but_the_intent_is_taken(api_client_as, open_intent):
    response = post(api_client_as("alice"), URL, {"payment_intent_id": open_intent, "card": "pm_card_amex"})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["card"]


def test_when_payments_go_to_stripe_there_is_no_test_card(api_client_as, open_intent, settings):
    settings.TEST_CARD_PAYMENTS = False

    response = post(api_client_as("alice"), URL, {"payment_intent_id": open_intent})

    assert response.status_code == 404
    assert response.json()["code"] == "test_cards_unavailable"


@pytest.mark.parametrize(
    ("api_base", "local"),
    [
        ("http://127.0.0.1:8420", True),
        ("http://localhost:28420", True),
        ("http://localstripe:8420", True),
        ("https://api.stripe.com", False),
        ("https://127.0.0.1.example.com", False),
    ],
)
def test_only_a_local_address_counts_as_the_stand_in(api_base, local):
    assert is_local_stand_in(api_base) is local
