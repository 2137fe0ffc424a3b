"""The whole life of an order through the API and a real localstripe, as the e2e path walks it."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from orders_service.orders.models import Order
from orders_service.tests import localstripe
from orders_service.tests.conftest import ORDERS, post, published_types

pytestmark = pytest.mark.django_db


def test_pay_place_extend_deliver_revise_deliver_approve(
    api_client, api_client_as, bobs_gig, stripe_client, webhook_sink
):
    alice, bob = api_client_as("alice"), api_client_as("bob")
    intent = post(alice, f"{ORDERS}/payment-intent", {"gig_id": 501}).json()
    assert localstripe.confirm_card_payment(stripe_client, intent["payment_intent_id"]) == "succeeded"
    webhook = webhook_sink.next_for(intent["payment_intent_id"])
    api_client.post(
        f"{ORDERS}/webhooks/stripe",
        webhook.body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=webhook.signature,
    )

    order = post(alice, ORDERS, {"payment_intent_id": intent["payment_intent_id"], "requirements": "A fox"}).json()
    url = f"{ORDERS}/{order['id']}"
    post(bob, f"{url}/extension", {"new_delivery_days": 2, "reason": "Sketches take longer"})
    extended = post(alice, f"{url}/extension/approve").json()
    bob.post(
        f"{url}/deliver",
        {"message": "First draft", "files": [SimpleUploadedFile("fox.txt", b"a fox")]},
        format="multipart",
    )
    post(alice, f"{url}/request-revision", {"message": "More orange"})
    bob.post(f"{url}/deliver", {"message": "Final"}, format="multipart")
    done = post(alice, f"{url}/approve")

    assert done.status_code == 200
    body = done.json()
    assert body["status"] == "completed"
    assert body["seller_earnings"] == "96.00"
    assert body["auto_completed"] is False
    assert [d["message"] for d in body["deliveries"]] == ["First draft", "Final"]
    assert extended["extensions"][0]["status"] == "approved"
    assert [(e["kind"], e["actor_username"]) for e in body["timeline"]] == [
        ("placed", "alice"),
        ("extension_requested", "bob"),
        ("extension_approved", "alice"),
        ("delivered", "bob"),
        ("revision_requested", "alice"),
        ("delivered", "bob"),
        ("completed", "alice"),
    ]
    assert published_types() == [
        "orders.order.placed",
        "orders.order.extension_requested",
        "orders.order.extension_approved",
        "orders.order.delivered",
        "orders.order.revision_requested",
        "orders.order.delivered",
        "orders.order.completed",
    ]


def test_cancel_refunds_the_buyer_at_the_provider(api_client_as, placed, stripe_client):
    response = post(api_client_as("bob"), f"{ORDERS}/{placed.pk}/cancel", {"reason": "Cannot make it"})

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    refunds = stripe_client.v1.refunds.list(params={"payment_intent": placed.payment.intent_id}).data
    assert [(r.amount, r.status) for r in refunds] == [(12660, "succeeded")]
    order = Order.objects.select_related("payment").get()
    assert order.payment.status == "refunded"
    assert order.payment.refund_id == refunds[0].id
    assert order.total == Decimal("126.60")
