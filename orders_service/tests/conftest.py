"""Fixtures of the orders service's suite: a real localstripe, bob's gig, paid and placed orders."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import stripe
from django.conf import settings as django_settings

from common.events.outbox.models import OutboxMessage
from common.testing.client import GatewayClient
from orders_service.orders.models import Gig, Order, Payment, TimelineEntry
from orders_service.orders.payments.provider import get_provider
from orders_service.tests import localstripe
from orders_service.tests.factories import GigFactory, OrderFactory

ORDERS = "/api/v1/orders"


@pytest.fixture(scope="session")
def localstripe_url() -> Iterator[str]:
    """A localstripe server of this test session, on a free port."""
    port = localstripe.free_port()
    process = localstripe.start(port)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def webhook_sink(localstripe_url: str) -> localstripe.WebhookSink:
    """Where localstripe posts ``payment_intent.succeeded``, signed with the webhook secret."""
    sink = localstripe.WebhookSink()
    url = sink.start()
    localstripe.register_webhook(localstripe_url, url, django_settings.STRIPE_WEBHOOK_SECRET)
    return sink


@pytest.fixture(autouse=True)
def payments_at_localstripe(settings: Any, localstripe_url: str, tmp_path: Path) -> Iterator[None]:
    """Every test's Stripe calls go to the session's localstripe; uploads to a folder of the test."""
    settings.STRIPE_API_BASE = settings.STRIPE_PUBLIC_API_BASE = localstripe_url
    settings.MEDIA_ROOT = str(tmp_path / "media")
    get_provider.cache_clear()
    yield
    get_provider.cache_clear()


@pytest.fixture
def stripe_client(localstripe_url: str) -> stripe.StripeClient:
    """The Stripe API as a buyer's browser (Stripe.js) reaches it."""
    return localstripe.client(localstripe_url, django_settings.STRIPE_SECRET_KEY)


@pytest.fixture
def bobs_gig(db: None) -> Gig:
    """bob's active gig 501 at 120.00, delivered in 5 days."""
    return GigFactory(gig_id=501, title="Logo design", price="120.00", expected_delivery_days=5)


@pytest.fixture
def paid_intent(
    api_client_as: Callable[[str], GatewayClient], bobs_gig: Gig, stripe_client: stripe.StripeClient
) -> str:
    """A payment intent alice opened for bob's gig and confirmed with a card."""
    intent_id = post(api_client_as("alice"), f"{ORDERS}/payment-intent", {"gig_id": 501}).json()["payment_intent_id"]
    assert localstripe.confirm_card_payment(stripe_client, intent_id) == "succeeded"
    return intent_id


@pytest.fixture
def placed(api_client_as: Callable[[str], GatewayClient], paid_intent: str) -> Order:
    """alice's paid order of bob's gig, in progress (placed through the API, so refundable)."""
    response = post(api_client_as("alice"), ORDERS, {"payment_intent_id": paid_intent, "requirements": "A fox"})
    assert response.status_code == 201, response.content
    return Order.objects.get(pk=response.json()["id"])


@pytest.fixture
def order_in() -> Callable[[str], Order]:
    """``order_in("delivered")`` → alice's order of bob's gig in that state (no provider behind it)."""

    def make(status: str) -> Order:
        return OrderFactory(status=status)

    return make


def post(client: GatewayClient, path: str, body: Any = None) -> Any:
    """POST JSON (or nothing) to ``path``."""
    payload = "" if body is None else json.dumps(body)
    return client.post(path, payload, content_type="application/json")


def published_types() -> list[str]:
    """Types of the events written to the outbox, oldest first."""
    return list(OutboxMessage.objects.order_by("occurred_at", "pk").values_list("type", flat=True))


def snapshot(order: Order) -> dict[str, Any]:
    """Everything a refused action must leave as it was."""
    fresh = Order.objects.get(pk=order.pk)
    return {
        "order": {f.name: getattr(fresh, f.attname) for f in Order._meta.fields},
        "payment": Payment.objects.filter(pk=fresh.payment_id).values().get(),
        "timeline": TimelineEntry.objects.filter(order=fresh).count(),
        "deliveries": fresh.deliveries.count(),
        "extensions": list(fresh.extensions.values("status", "extra_days")),
        "resolutions": list(fresh.resolutions.values("status", "kind", "amount")),
        "refunds": fresh.refunds.count(),
        "events": published_types(),
    }
