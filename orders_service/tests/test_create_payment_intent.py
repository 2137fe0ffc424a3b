"""``POST /api/v1/orders/payment-intent``: priced by the server from the gig or the accepted offer."""

from decimal import Decimal

import pytest

from orders_service.orders.models import Payment
from orders_service.tests.conftest import ORDERS, post, published_types
from orders_service.tests.factories import AcceptedOfferFactory, GigFactory

pytestmark = pytest.mark.django_db
URL = f"{ORDERS}/payment-intent"


def test_the_buyer_gets_an_intent_for_the_gig_price_plus_fee(api_client_as, bobs_gig, stripe_client):
    response = post(api_client_as("alice"), URL, {"gig_id": 501})

    assert response.status_code == 201
    body = response.json()
    assert body["price"] == "120.00"
    assert body["service_fee"] == "6.60"
    assert body["total"] == "126.60"
    assert body["currency"] == "usd"
    assert body["client_secret"].startswith(body["payment_intent_id"])
    intent = stripe_client.v1.payment_intents.retrieve(body["payment_intent_id"])
    assert (intent.amount, intent.currency, intent.status) == (12660, "usd", "requires_payment_method")
    assert intent.metadata["buyer_id"] == "1001"


def test_the_payment_is_recorded_with_its_terms(api_client_as, bobs_gig):
    intent_id = post(api_client_as("alice"), URL, {"gig_id": 501}).json()["payment_intent_id"]

    payment = Payment.objects.get()
    assert payment.intent_id == intent_id
    assert (payment.buyer_id, payment.seller_id, payment.gig_id, payment.delivery_days) == (1001, 1002, 501, 5)
    assert (payment.price, payment.total, payment.status) == (Decimal("120.00"), Decimal("126.60"), "pending")
    assert published_types() == []


def test_an_accepted_offer_is_priced_from_the_offer(api_client_as, bobs_gig):
    AcceptedOfferFactory(message_id=3001, price=Decimal("30.00"), delivery_days=2)

    response = post(api_client_as("alice"), URL, {"offer_message_id": 3001})

    assert response.status_code == 201
    assert (response.json()["price"], response.json()["service_fee"], response.json()["total"]) == (
        "30.00",
        "3.65",
        "33.65",
    )
    assert Payment.objects.get().offer_message_id == 3001
    assert Payment.objects.get().delivery_days == 2


def test_a_price_sent_by_the_client_is_refused(api_client_as, bobs_gig):
    response = post(api_client_as("alice"), URL, {"gig_id": 501, "price": "1.00"})

    assert response.status_code == 400
    assert response.json()["fields"] == {"price": ["Unknown field."]}
    assert not Payment.objects.exists()


@pytest.mark.parametrize("body", [{}, {"gig_id": 501, "offer_message_id": 3001}])
def test_exactly_one_of_gig_and_offer_is_required(api_client_as, bobs_gig, body):
    response = post(api_client_as("alice"), URL, body)

    assert response.status_code == 400
    assert response.json()["code"] == "gig_or_offer"
    assert not Payment.objects.exists()


def test_the_seller_cannot_order_their_own_gig(api_client_as, bobs_gig):
    response = post(api_client_as("bob"), URL, {"gig_id": 501})

    assert response.status_code == 403
    assert response.json()["code"] == "cannot_order_own_gig"
    assert not Payment.objects.exists()


def test_a_paused_gig_cannot_be_ordered(api_client_as):
    GigFactory(gig_id=501, active=False)

    response = post(api_client_as("alice"), URL, {"gig_id": 501})

    assert response.status_code == 409
    assert response.json()["code"] == "gig_not_active"
    assert not Payment.objects.exists()


@pytest.mark.parametrize("deleted", [True, False])
def test_a_deleted_or_unknown_gig_is_a_404(api_client_as, deleted):
    if deleted:
        GigFactory(gig_id=501, deleted=True)

    response = post(api_client_as("alice"), URL, {"gig_id": 501})

    assert response.status_code == 404
    assert response.json()["code"] == "gig_not_found"
    assert not Payment.objects.exists()


def test_someone_elses_offer_is_a_404(api_client_as):
    AcceptedOfferFactory(message_id=3001, buyer_id=1004, buyer_username="mallory")

    response = post(api_client_as("alice"), URL, {"offer_message_id": 3001})

    assert response.status_code == 404
    assert response.json()["code"] == "offer_not_found"
    assert not Payment.objects.exists()


def test_an_offer_not_accepted_is_unknown_to_orders(api_client_as):
    # Only chat.offer.accepted brings an offer here: a pending one has no row.
    response = post(api_client_as("alice"), URL, {"offer_message_id": 3999})

    assert response.status_code == 404
    assert response.json()["code"] == "offer_not_found"


def test_an_offer_already_ordered_cannot_be_paid_again(api_client_as, order_in):
    AcceptedOfferFactory(message_id=3001)
    order = order_in("in_progress")
    order.offer_message_id = 3001
    order.save()

    response = post(api_client_as("alice"), URL, {"offer_message_id": 3001})

    assert response.status_code == 409
    assert response.json()["code"] == "offer_already_ordered"
    assert Payment.objects.count() == 1


def test_anonymous_is_refused(api_client, bobs_gig):
    response = post(api_client, URL, {"gig_id": 501})

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_without_gateway_signature_is_refused(unsigned_client, bobs_gig):
    response = post(unsigned_client, URL, {"gig_id": 501})

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert not Payment.objects.exists()


def intents_at_the_provider(stripe_client) -> int:
    return len(stripe_client.v1.payment_intents.list({"limit": 100}).data)


def test_an_offer_whose_total_overflows_the_order_is_refused_before_the_provider_is_called(
    api_client_as, bobs_gig, stripe_client
):
    # Written by chat before it bounded offer prices: the total (fee included) exceeds 12 digits.
    AcceptedOfferFactory(message_id=3001, price=Decimal("9999999999.99"))
    before = intents_at_the_provider(stripe_client)

    response = post(api_client_as("alice"), URL, {"offer_message_id": 3001})

    assert response.status_code == 400
    assert response.json()["code"] == "total_too_large"
    assert response.json()["fields"] == {
        "offer_message_id": ["The order total 10549999999.99 is more than one order can charge (999999.99)."]
    }
    assert intents_at_the_provider(stripe_client) == before
    assert not Payment.objects.exists()


def test_an_offer_whose_total_is_more_than_one_payment_may_charge_is_refused_before_the_provider_is_called(
    api_client_as, bobs_gig, stripe_client
):
    AcceptedOfferFactory(message_id=3001, price=Decimal("947867.30"))  # total 1,000,000.00
    before = intents_at_the_provider(stripe_client)

    response = post(api_client_as("alice"), URL, {"offer_message_id": 3001})

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "offer_message_id": ["The order total 1000000.00 is more than one order can charge (999999.99)."]
    }
    assert intents_at_the_provider(stripe_client) == before


def test_the_most_a_gig_or_offer_may_cost_is_orderable(api_client_as, bobs_gig):
    AcceptedOfferFactory(message_id=3001, price=Decimal("100000.00"))

    response = post(api_client_as("alice"), URL, {"offer_message_id": 3001})

    assert response.status_code == 201
    assert response.json()["total"] == "105500.00"
