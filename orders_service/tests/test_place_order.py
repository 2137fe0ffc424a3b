"""``POST /api/v1/orders``: an order is placed only for the caller's succeeded, unused payment."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from common.events.catalog.orders import OrderPlaced
from orders_service.orders.models import Order, Payment
from orders_service.tests import localstripe
from orders_service.tests.conftest import ORDERS, post, published_types
from orders_service.tests.factories import AcceptedOfferFactory

pytestmark = pytest.mark.django_db


def place(client, intent_id, requirements="A fox, in orange"):
    return post(client, ORDERS, {"payment_intent_id": intent_id, "requirements": requirements})


def test_a_paid_intent_places_an_order_in_progress(api_client_as, paid_intent):
    before = timezone.now()
    response = place(api_client_as("alice"), paid_intent)

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "in_progress"
    assert body["buyer"] == {"id": 1001, "username": "alice"}
    assert body["seller"] == {"id": 1002, "username": "bob"}
    assert body["gig"] == {"id": 501, "title": "Logo design"}
    assert (body["price"], body["service_fee"], body["total"]) == ("120.00", "6.60", "126.60")
    assert body["requirements"] == "A fox, in orange"
    order = Order.objects.get()
    assert before + timedelta(days=5) <= order.due_at <= timezone.now() + timedelta(days=5)
    assert [(e["kind"], e["actor_username"]) for e in body["timeline"]] == [("placed", "alice")]
    assert Payment.objects.get().status == "succeeded"


def test_placing_is_announced(api_client_as, paid_intent, events):
    place(api_client_as("alice"), paid_intent)

    order = Order.objects.get()
    [event] = events.published(OrderPlaced)
    assert event.order_id == order.pk
    assert (event.buyer_id, event.seller_id, event.gig_id, event.status) == (1001, 1002, 501, "in_progress")
    assert (event.price, event.service_fee, event.total) == (Decimal("120.00"), Decimal("6.60"), Decimal("126.60"))
    assert event.due_at == order.due_at


def test_an_order_from_an_offer_is_due_after_the_offers_days(api_client_as, stripe_client):
    AcceptedOfferFactory(message_id=3001, price=Decimal("30.00"), delivery_days=2)
    intent_id = post(api_client_as("alice"), f"{ORDERS}/payment-intent", {"offer_message_id": 3001}).json()[
        "payment_intent_id"
    ]
    localstripe.confirm_card_payment(stripe_client, intent_id)

    response = place(api_client_as("alice"), intent_id)

    assert response.status_code == 201
    order = Order.objects.get()
    assert (order.offer_message_id, order.price, order.total) == (3001, Decimal("30.00"), Decimal("33.65"))
    assert order.due_at - order.placed_at == timedelta(days=2)


def test_an_unconfirmed_payment_places_nothing(api_client_as, bobs_gig):
    intent_id = post(api_client_as("alice"), f"{ORDERS}/payment-intent", {"gig_id": 501}).json()["payment_intent_id"]

    response = place(api_client_as("alice"), intent_id)

    assert response.status_code == 409
    assert response.json()["code"] == "payment_not_succeeded"
    assert not Order.objects.exists()
    assert Payment.objects.get().status == "pending"
    assert published_types() == []


def test_replaying_the_intent_does_not_place_a_second_order(api_client_as, paid_intent):
    first = place(api_client_as("alice"), paid_intent)

    again = place(api_client_as("alice"), paid_intent)

    assert first.status_code == 201
    assert again.status_code == 409
    assert again.json()["code"] == "payment_already_used"
    assert Order.objects.count() == 1
    assert published_types() == ["orders.order.placed"]


def test_someone_elses_payment_is_a_404(api_client_as, paid_intent):
    response = place(api_client_as("mallory"), paid_intent)

    assert response.status_code == 404
    assert response.json()["code"] == "payment_not_found"
    assert not Order.objects.exists()


def test_an_unknown_intent_is_a_404(api_client_as, db):
    response = place(api_client_as("alice"), "pi_doesnotexist")

    assert response.status_code == 404
    assert response.json()["code"] == "payment_not_found"


def test_requirements_are_required(api_client_as, paid_intent):
    response = post(api_client_as("alice"), ORDERS, {"payment_intent_id": paid_intent})

    assert response.status_code == 400
    assert response.json()["fields"] == {"requirements": ["This field is required."]}
    assert not Order.objects.exists()


def test_anonymous_is_refused(api_client, db):
    response = place(api_client, "pi_x")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_without_gateway_signature_is_refused(unsigned_client, paid_intent):
    response = place(unsigned_client, paid_intent)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert not Order.objects.exists()
