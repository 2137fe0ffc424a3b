"""Payment intents: priced here from the gig or the accepted offer, paid at the provider.

The provider's signed webhook (``payment_intent.succeeded``) is the source of truth for
"paid"; placing an order also asks the provider directly when the webhook has not arrived
yet (``placing.place_order``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from orders_service.orders import errors, money
from orders_service.orders.models import AcceptedOffer, Gig, Order, Payment
from orders_service.orders.payments.provider import PaymentError, WebhookEvent, get_provider
from orders_service.orders.services.announcements import Actor


@dataclass(frozen=True)
class Terms:
    """What is about to be bought, from whom, at which price (never from the client)."""

    seller_id: int
    seller_username: str
    gig_id: int
    gig_title: str
    offer_message_id: int | None
    delivery_days: int
    quote: money.Quote
    package: str = ""
    revisions: int | None = None


@dataclass(frozen=True)
class CreatedIntent:
    payment: Payment
    client_secret: str


def create_payment_intent(
    *, buyer: Actor, gig_id: int | None, offer_message_id: int | None, package: str = "basic"
) -> CreatedIntent:
    """Price the gig's ``package`` or the buyer's accepted offer, open a payment intent for it and record it."""
    if offer_message_id is not None:
        terms = _offer_terms(buyer, offer_message_id)
    else:
        terms = _gig_terms(buyer, gig_id, package)
    # Checked before the provider is called: an intent must never exist for an order
    # that cannot be charged or stored. Gigs and chat bound prices so this holds; a
    # replica written before those bounds could still exceed them.
    if not money.is_payable(terms.quote):
        field = "offer_message_id" if offer_message_id is not None else "gig_id"
        raise errors.total_too_large(field, terms.quote.total)
    provider = get_provider()
    metadata = {"buyer_id": str(buyer.user_id), "gig_id": str(terms.gig_id)}
    if terms.offer_message_id is not None:
        metadata["offer_message_id"] = str(terms.offer_message_id)
    else:
        metadata["package"] = terms.package
    try:
        intent = provider.create_intent(money.to_cents(terms.quote.total), settings.PAYMENT_CURRENCY, metadata)
    except PaymentError as error:
        raise errors.PaymentProviderUnavailable() from error
    payment = Payment.objects.create(
        intent_id=intent.id,
        provider=provider.name,
        buyer_id=buyer.party_id,
        buyer_username=buyer.username,
        seller_id=terms.seller_id,
        seller_username=terms.seller_username,
        gig_id=terms.gig_id,
        gig_title=terms.gig_title,
        offer_message_id=terms.offer_message_id,
        package=terms.package,
        revisions=terms.revisions,
        delivery_days=terms.delivery_days,
        price=terms.quote.price,
        service_fee=terms.quote.service_fee,
        total=terms.quote.total,
        currency=settings.PAYMENT_CURRENCY,
    )
    return CreatedIntent(payment=payment, client_secret=intent.client_secret)


def _gig_terms(buyer: Actor, gig_id: int | None, tier: str) -> Terms:
    gig = Gig.objects.filter(gig_id=gig_id, deleted=False).first() if gig_id is not None else None
    if gig is None:
        raise errors.gig_not_found()
    if gig.seller_id == buyer.user_id:
        raise errors.own_gig()
    if not gig.orderable:
        raise errors.gig_not_active()
    package = gig.package(tier)
    if package is None:
        raise errors.package_not_offered(tier)
    return Terms(
        gig.seller_id,
        gig.seller_username,
        gig.gig_id,
        gig.title,
        None,
        package["delivery_days"],
        money.quote(package["price"]),
        package=tier,
        revisions=package["revisions"],
    )


def _offer_terms(buyer: Actor, message_id: int) -> Terms:
    # Only accepted offers reach orders: a pending, cancelled or someone else's offer is unknown here.
    offer = AcceptedOffer.objects.filter(message_id=message_id, buyer_id=buyer.party_id).first()
    if offer is None:
        raise errors.offer_not_found()
    if Order.objects.filter(offer_message_id=message_id).exclude(status=Order.Status.CANCELLED).exists():
        raise errors.offer_already_ordered()
    return Terms(
        offer.seller_id,
        offer.seller_username,
        offer.gig_id,
        offer.gig_title,
        offer.message_id,
        offer.delivery_days,
        money.quote(offer.price),
    )


def record_provider_event(event: WebhookEvent) -> bool:
    """Apply a verified provider event; True when it changed something (a replay changes nothing)."""
    if event.type != "payment_intent.succeeded" or event.intent_id is None:
        return False
    with transaction.atomic():
        payment = Payment.objects.select_for_update().filter(intent_id=event.intent_id).first()
        if payment is None or payment.status != Payment.Status.PENDING:
            return False
        if event.amount_cents != payment.total_cents:
            return False
        mark_succeeded(payment)
        return True


def mark_succeeded(payment: Payment) -> None:
    payment.status = Payment.Status.SUCCEEDED
    payment.succeeded_at = timezone.now()
    payment.save(update_fields=["status", "succeeded_at"])


# Stripe's test Visa card, which localstripe knows and always accepts.
TEST_CARD = "pm_card_visa"


def pay_with_test_card(*, buyer: Actor, intent_id: str) -> str:
    """Confirm the buyer's own payment intent with Stripe's test card; the intent's status after it.

    Only while payments go to a local stand-in (``settings.TEST_CARD_PAYMENTS``): browsers
    cannot confirm there themselves. In production Stripe.js confirms with Stripe.
    """
    if not settings.TEST_CARD_PAYMENTS:
        raise errors.test_cards_unavailable()
    if not Payment.objects.filter(intent_id=intent_id, buyer_id=buyer.party_id).exists():
        raise errors.payment_not_found()
    try:
        return get_provider().confirm_with_test_card(intent_id, TEST_CARD).status
    except PaymentError as error:
        raise errors.PaymentProviderUnavailable() from error
