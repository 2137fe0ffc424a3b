"""Stripe behind the provider interface, with the official ``stripe`` client (v16).

``api_base`` points the client at https://api.stripe.com in production and at localstripe
in local runs and tests.
"""

from __future__ import annotations

import stripe

from orders_service.orders.payments.provider import (
    ConnectedAccount,
    Intent,
    InvalidWebhook,
    PaymentError,
    Refund,
    Transfer,
    TransferRefused,
    WebhookEvent,
)

TIMEOUT_SECONDS = 10


class StripeProvider:
    name = "stripe"

    def __init__(self, *, api_key: str, api_base: str, webhook_secret: str) -> None:
        self._webhook_secret = webhook_secret
        self._client = stripe.StripeClient(
            api_key,
            base_addresses={"api": api_base},
            max_network_retries=2,
            http_client=stripe.RequestsClient(timeout=TIMEOUT_SECONDS),
        )

    def create_intent(self, amount_cents: int, currency: str, metadata: dict[str, str]) -> Intent:
        params: dict[str, object] = {
            "amount": amount_cents,
            "currency": currency,
            "metadata": metadata,
            "payment_method_types": ["card"],
        }
        try:
            # stripe types params as a TypedDict; this dict has its keys.
            return _intent(self._client.v1.payment_intents.create(params=params))  # type: ignore[arg-type]
        except stripe.StripeError as error:
            raise PaymentError(str(error)) from error

    def retrieve(self, intent_id: str) -> Intent:
        try:
            return _intent(self._client.v1.payment_intents.retrieve(intent_id))
        except stripe.StripeError as error:
            raise PaymentError(str(error)) from error

    def refund(self, intent_id: str, amount_cents: int, *, idempotency_key: str) -> Refund:
        # The idempotency key makes a retried refund (after a crash between the provider's
        # answer and our commit) return the first refund instead of refunding twice.
        try:
            refund = self._client.v1.refunds.create(
                params={"payment_intent": intent_id, "amount": amount_cents},
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as error:
            raise PaymentError(str(error)) from error
        return Refund(id=refund.id, status=refund.status or "", amount_cents=refund.amount)

    def confirm_with_test_card(self, intent_id: str, payment_method: str) -> Intent:
        """What Stripe.js does in a browser, done here: attach a test card and confirm (local stand-in only)."""
        try:
            self._client.v1.payment_intents.update(intent_id, params={"payment_method": payment_method})
            return _intent(self._client.v1.payment_intents.confirm(intent_id))
        except stripe.StripeError as error:
            raise PaymentError(str(error)) from error

    def create_connected_account(
        self, *, email: str, metadata: dict[str, str], return_url: str, idempotency_key: str
    ) -> ConnectedAccount:
        """An Express account that may receive transfers, and the link where its owner onboards."""
        params: dict[str, object] = {
            "type": "express",
            "email": email,
            "metadata": metadata,
            "capabilities": {"transfers": {"requested": True}},
        }
        try:
            account = self._client.v1.accounts.create(
                params=params,  # type: ignore[arg-type]  # stripe types params as a TypedDict; this dict has its keys
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as error:
            raise PaymentError(str(error)) from error
        return ConnectedAccount(id=account.id, onboarding_url=self.onboarding_link(account.id, return_url=return_url))

    def onboarding_link(self, account_id: str, *, return_url: str) -> str:
        """Where the account's owner gives the provider what it asks before transfers (an account link)."""
        try:
            link = self._client.v1.account_links.create(
                params={
                    "account": account_id,
                    "type": "account_onboarding",
                    "return_url": return_url,
                    "refresh_url": return_url,
                }
            )
        except stripe.StripeError as error:
            raise PaymentError(str(error)) from error
        return link.url

    def transfer(
        self, *, account_id: str, amount_cents: int, currency: str, metadata: dict[str, str], idempotency_key: str
    ) -> Transfer:
        # The idempotency key is the withdrawal's: a retry after no answer (or a crash before our
        # commit) returns the first transfer instead of paying twice.
        params: dict[str, object] = {
            "amount": amount_cents, "currency": currency, "destination": account_id, "metadata": metadata,
        }  # fmt: skip
        try:
            transfer = self._client.v1.transfers.create(
                params=params,  # type: ignore[arg-type]  # stripe types params as a TypedDict; this dict has its keys
                options={"idempotency_key": idempotency_key},
            )
        except stripe.InvalidRequestError as error:
            # An answer (4xx): the provider refused, nothing moved (no funds, account not ready).
            raise TransferRefused(error.user_message or str(error)) from error
        except stripe.StripeError as error:
            raise PaymentError(str(error)) from error
        destination = transfer.destination
        return Transfer(
            id=transfer.id,
            amount_cents=transfer.amount,
            destination=destination if isinstance(destination, str) else getattr(destination, "id", account_id),
        )

    def verify_webhook(self, payload: bytes, signature_header: str | None) -> WebhookEvent:
        try:
            event = self._client.construct_event(payload, signature_header or "", self._webhook_secret)
        except (stripe.SignatureVerificationError, ValueError) as error:
            raise InvalidWebhook(str(error)) from error
        # stripe v16 objects are not dicts: read the event's object as plain data.
        obj = event.data.object.to_dict()
        is_intent = obj.get("object") == "payment_intent"
        return WebhookEvent(
            id=event.id,
            type=event.type,
            intent_id=obj.get("id") if is_intent else None,
            amount_cents=obj.get("amount") if is_intent else None,
        )


def _intent(intent: stripe.PaymentIntent) -> Intent:
    return Intent(
        id=intent.id,
        client_secret=intent.client_secret or "",
        status=intent.status,
        amount_cents=intent.amount,
        currency=intent.currency,
    )
