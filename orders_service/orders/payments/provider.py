"""The one interface orders pays through, and the configured provider.

Orders code only calls :func:`get_provider`; which provider stands behind it is
``settings.PAYMENT_PROVIDER``. Tests and local runs use the real Stripe implementation
against localstripe (``STRIPE_API_BASE``), so the real client and real HTTP are exercised.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings


class PaymentError(Exception):
    """The provider refused a call or could not be reached."""


class TransferRefused(PaymentError):
    """The provider answered and refused a transfer: it did not happen and will not by retrying it."""


class InvalidWebhook(Exception):
    """A webhook whose signature does not verify, or whose body is not an event."""


@dataclass(frozen=True)
class Intent:
    """A payment intent as the provider describes it."""

    id: str
    client_secret: str
    status: str
    amount_cents: int
    currency: str

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


@dataclass(frozen=True)
class Refund:
    id: str
    status: str
    amount_cents: int


@dataclass(frozen=True)
class ConnectedAccount:
    """A seller's account at the provider, and where its owner completes its onboarding."""

    id: str
    onboarding_url: str


@dataclass(frozen=True)
class Transfer:
    """Money moved from the platform's balance to a connected account."""

    id: str
    amount_cents: int
    destination: str


@dataclass(frozen=True)
class WebhookEvent:
    """A verified provider event: its id, type and the intent it is about (if any)."""

    id: str
    type: str
    intent_id: str | None
    amount_cents: int | None


class PaymentProvider(Protocol):
    name: str

    def create_intent(self, amount_cents: int, currency: str, metadata: dict[str, str]) -> Intent: ...

    def retrieve(self, intent_id: str) -> Intent: ...

    def refund(self, intent_id: str, amount_cents: int, *, idempotency_key: str) -> Refund: ...

    def verify_webhook(self, payload: bytes, signature_header: str | None) -> WebhookEvent: ...

    def confirm_with_test_card(self, intent_id: str, payment_method: str) -> Intent: ...

    def create_connected_account(
        self, *, email: str, metadata: dict[str, str], return_url: str, idempotency_key: str
    ) -> ConnectedAccount: ...

    def onboarding_link(self, account_id: str, *, return_url: str) -> str: ...

    def transfer(
        self, *, account_id: str, amount_cents: int, currency: str, metadata: dict[str, str], idempotency_key: str
    ) -> Transfer: ...


@cache
def get_provider() -> PaymentProvider:
    """The provider named by ``settings.PAYMENT_PROVIDER`` (built once per process)."""
    if settings.PAYMENT_PROVIDER == "stripe":
        from orders_service.orders.payments.stripe_provider import StripeProvider

        return StripeProvider(
            api_key=settings.STRIPE_SECRET_KEY,
            api_base=settings.STRIPE_API_BASE,
            webhook_secret=settings.STRIPE_WEBHOOK_SECRET,
        )
    raise ValueError(f"Unknown PAYMENT_PROVIDER {settings.PAYMENT_PROVIDER!r}")
