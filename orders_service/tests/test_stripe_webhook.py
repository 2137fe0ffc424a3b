"""``POST /api/v1/orders/webhooks/stripe``: the provider's signed word that a payment succeeded.

The webhooks here are the ones localstripe really sent (caught by the suite's sink), passed
on with the gateway's signature as the gateway would.
"""

import pytest

from orders_service.orders.models import Order, Payment
from orders_service.tests import localstripe
from orders_service.tests.conftest import ORDERS, post, published_types

pytestmark = pytest.mark.django_db
URL = f"{ORDERS}/webhooks/stripe"


@pytest.fixture
def succeeded_webhook(api_client_as, bobs_gig, stripe_client, webhook_sink) -> localstripe.Delivered:
    """The ``payment_intent.succeeded`` localstripe sent once alice confirmed her card."""
    intent_id = post(api_client_as("alice"), f"{ORDERS}/payment-intent", {"gig_id": 501}).json()["payment_intent_id"]
    localstripe.confirm_card_payment(stripe_client, intent_id)
    return webhook_sink.next_for(intent_id)


def forward(client, delivered: localstripe.Delivered, signature: str | None = None):
    return client.post(
        URL, delivered.body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature or delivered.signature
    )


def test_a_succeeded_payment_is_recorded(api_client, succeeded_webhook):
    response = forward(api_client, succeeded_webhook)

    assert response.status_code == 200
    payment = Payment.objects.get()
    assert payment.status == "succeeded"
    assert payment.succeeded_at is not None
    assert succeeded_webhook.event["type"] == "payment_intent.succeeded"


def test_a_replayed_webhook_changes_nothing(api_client, succeeded_webhook):
    forward(api_client, succeeded_webhook)
    first = Payment.objects.values().get()

    again = forward(api_client, succeeded_webhook)

    assert again.status_code == 200
    assert Payment.objects.values().get() == first
    assert not Order.objects.exists()
    assert published_types() == []


def test_the_webhook_recorded_status_is_enough_to_place(api_client, api_client_as, succeeded_webhook):
    forward(api_client, succeeded_webhook)
    intent_id = Payment.objects.get().intent_id

    response = post(api_client_as("alice"), ORDERS, {"payment_intent_id": intent_id, "requirements": "A fox"})
    again = forward(api_client, succeeded_webhook)

    assert response.status_code == 201
    assert again.status_code == 200
    assert Order.objects.count() == 1


def test_a_bad_signature_is_a_400_and_changes_nothing(api_client, succeeded_webhook):
    forged = succeeded_webhook.signature.split(",v1=")[0] + ",v1=" + "0" * 64

    response = forward(api_client, succeeded_webhook, signature=forged)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_webhook"
    assert Payment.objects.get().status == "pending"


def test_a_missing_signature_is_a_400(api_client, db):
    response = api_client.post(URL, b'{"id": "evt_1"}', content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_webhook"


def test_a_webhook_that_did_not_come_through_the_gateway_is_refused(succeeded_webhook, token_for):
    from common.testing.client import GatewayClient

    response = forward(GatewayClient(signed=False), succeeded_webhook)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert Payment.objects.get().status == "pending"


def test_a_user_token_is_not_needed_nor_used(api_client_as, succeeded_webhook):
    response = forward(api_client_as("mallory"), succeeded_webhook)

    assert response.status_code == 200
    assert Payment.objects.get().status == "succeeded"
