"""Buying on the marketplace for the e2e tests: paying at the provider, placing, acting on an order.

Every step goes through the gateway, except confirming a payment, which a client does with
the provider itself (Stripe.js in a browser): here the real ``stripe`` client against the
fleet's localstripe, at the API base ``GET /orders/payment-config`` names. Steps that wait
on an event (orders learning a gig or an accepted offer, reviews learning a completed
order, stats and ratings catching up) poll with a deadline.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import stripe

from tests.e2e.marketplace import Member
from tests.e2e.test_signup_by_email import eventually

ORDERS = "/api/v1/orders"
REVIEWS = "/api/v1/reviews"
# localstripe lets a publishable key do nothing but tokens and sources: a test secret key
# stands in for what Stripe.js does with the publishable key and the client secret.
BROWSER_KEY = "sk_test_e2e_browser"
WEBHOOK_SECRET = "whsec_bazaar_local"  # STRIPE_WEBHOOK_SECRET's default: the e2e fleet keeps it
# Orders learns gigs and accepted offers from events: until then it answers these.
NOT_KNOWN_YET = {(404, "gig_not_found"), (404, "offer_not_found")}


@dataclass(frozen=True)
class Provider:
    """The payment provider as a client reaches it: the ``stripe`` client, and its API for what it lacks."""

    api_base: str
    client: stripe.StripeClient

    def events(self, type_: str) -> list[dict[str, Any]]:
        """Every event of ``type_`` the provider sent, as it sent them (newest first)."""
        response = httpx.get(
            f"{self.api_base}/v1/events",
            params={"type": type_, "limit": 100},
            headers={"Authorization": f"Bearer {BROWSER_KEY}"},
        )
        assert response.status_code == 200, response.text
        return list(response.json()["data"])


def provider(client: httpx.Client) -> Provider:
    """The payment provider, where ``payment-config`` says it is (the fleet's localstripe)."""
    config = client.get(f"{ORDERS}/payment-config")
    assert config.status_code == 200, config.text
    assert config.json()["provider"] == "stripe"
    api_base = config.json()["api_base"]
    return Provider(api_base, stripe.StripeClient(BROWSER_KEY, base_addresses={"api": api_base}))


def open_payment(buyer: Member, **what: Any) -> httpx.Response:
    """``POST /orders/payment-intent`` for ``gig_id=`` or ``offer_message_id=``, once orders knows it."""
    response, _ = eventually(
        lambda: buyer.browser.post(f"{ORDERS}/payment-intent", json=what),
        lambda r: (r.status_code, r.json().get("code")) not in NOT_KNOWN_YET,
    )
    return response


def confirm_card_payment(payments: Provider, intent_id: str, card: str = "pm_card_visa") -> str:
    """What Stripe.js does in the buyer's browser: attach a test card and confirm; the intent's status."""
    payments.client.v1.payment_intents.update(intent_id, params={"payment_method": card})
    return str(payments.client.v1.payment_intents.confirm(intent_id).status)


def place(buyer: Member, intent_id: str, requirements: str = "A portrait of my cat, please.") -> httpx.Response:
    """``POST /orders`` for a payment."""
    return buyer.browser.post(ORDERS, json={"payment_intent_id": intent_id, "requirements": requirements})


def pay(buyer: Member, payments: Provider, **what: Any) -> dict[str, Any]:
    """A payment intent for ``what``, confirmed at the provider; its JSON."""
    opened = open_payment(buyer, **what)
    assert opened.status_code == 201, opened.text
    intent = dict(opened.json())
    assert confirm_card_payment(payments, intent["payment_intent_id"]) == "succeeded"
    return intent


def act(member: Member, order: dict[str, Any], action: str, **body: Any) -> httpx.Response:
    """``POST /orders/{id}/{action}`` with ``body`` as JSON."""
    return member.browser.post(f"{ORDERS}/{order['id']}/{action}", json=body)


def review(member: Member, order: dict[str, Any], rating: int, comment: str) -> httpx.Response:
    """``POST /reviews`` once reviews knows the order is completed (404 ``order_not_found`` until then)."""
    response, _ = eventually(
        lambda: member.browser.post(REVIEWS, json={"order_id": order["id"], "rating": rating, "comment": comment}),
        lambda r: (r.status_code, r.json().get("code")) != (404, "order_not_found"),
    )
    return response


def settled(
    read: Callable[[], httpx.Response], expected: Callable[[dict[str, Any]], bool], timeout: float = 20
) -> dict[str, Any]:
    """The JSON ``read`` answers once ``expected`` holds for it (stats and ratings follow events)."""
    response, _ = eventually(read, lambda r: r.status_code == 200 and expected(r.json()), timeout=timeout)
    return dict(response.json())


@dataclass(frozen=True)
class ProviderEvent:
    """A webhook exactly as localstripe posts it: the JSON body and its ``Stripe-Signature``."""

    body: bytes
    signature: str


def succeeded_event(payments: Provider, intent_id: str) -> dict[str, Any]:
    """localstripe's ``payment_intent.succeeded`` event of ``intent_id`` (it keeps every event it sent)."""
    (event,) = [e for e in payments.events("payment_intent.succeeded") if e["data"]["object"]["id"] == intent_id]
    return event


def signed(event: dict[str, Any], secret: str = WEBHOOK_SECRET) -> ProviderEvent:
    """``event`` signed as localstripe signs it (``t=<created>,v1=<HMAC-SHA256>``)."""
    body = json.dumps(event, indent=2, sort_keys=True).encode()
    signature = stripe.WebhookSignature._compute_signature(f"{event['created']}.{body.decode()}", secret)
    return ProviderEvent(body, f"t={event['created']},v1={signature}")


def webhooks_delivered(output: list[str], event_type: str, *, timeout: float = 0, at_least: int = 0) -> int:
    """How many ``event_type`` webhooks localstripe says the gateway took (2xx), waiting up to ``timeout`` for ``at_least``."""
    deadline = time.monotonic() + timeout
    said = f'webhook "{event_type}" successfully delivered'
    while (count := sum(1 for line in output if line.startswith("localstripe ") and said in line)) < at_least:
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    return count


def webhooks_refused(output: list[str]) -> list[str]:
    """localstripe's lines about webhooks the gateway did not take."""
    return [line for line in output if line.startswith("localstripe ") and "failed with response code" in line]


def post_webhook(client: httpx.Client, event: ProviderEvent) -> httpx.Response:
    """The provider's ``POST /orders/webhooks/stripe`` through the gateway (no user token)."""
    headers = {"Content-Type": "application/json; charset=utf-8", "Stripe-Signature": event.signature}
    return client.post(f"{ORDERS}/webhooks/stripe", content=event.body, headers=headers)
