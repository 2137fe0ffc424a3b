"""Input and output serializers of the orders API, one pair per operation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api.bounds import MAX_ID, MAX_PRICE, PRICE_DIGITS
from common.api.serializers import StrictSerializer
from orders_service.orders import errors, money
from orders_service.orders.models import (
    Delivery,
    DeliveryFile,
    Extension,
    LedgerEntry,
    Order,
    PayoutAccount,
    ResolutionRequest,
    TimelineEntry,
    Withdrawal,
)
from orders_service.orders.money import MAX_AMOUNT, MONEY_DIGITS

MAX_DELIVERY_FILES = 10
PACKAGES = ("basic", "standard", "premium")


class PaymentConfigOutput(serializers.Serializer[Any]):
    provider = serializers.CharField()
    publishable_key = serializers.CharField()
    api_base = serializers.CharField()
    test_card = serializers.BooleanField(
        help_text="True while payments go to a local stand-in: pay with POST /orders/payment-intent/test-card instead of Stripe.js."
    )

    @staticmethod
    def current() -> dict[str, str | bool]:
        return {
            "provider": settings.PAYMENT_PROVIDER,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "api_base": settings.STRIPE_PUBLIC_API_BASE,
            "test_card": settings.TEST_CARD_PAYMENTS,
        }


class PaymentIntentInput(StrictSerializer):
    gig_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    offer_message_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    package = serializers.ChoiceField(
        choices=PACKAGES,
        required=False,
        help_text="The gig's package to buy (default basic); not with `offer_message_id`: an offer has its own terms.",
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if ("gig_id" in data) == ("offer_message_id" in data):
            raise errors.invalid("gig_id", "Give either gig_id or offer_message_id.", errors.GIG_OR_OFFER)
        if "offer_message_id" in data and "package" in data:
            raise errors.invalid("package", "An offer has its own terms: order it without a package.", "invalid")
        return data


class PaymentIntentOutput(serializers.Serializer[Any]):
    payment_intent_id = serializers.CharField(source="payment.intent_id")
    client_secret = serializers.CharField()
    price = serializers.DecimalField(source="payment.price", max_digits=12, decimal_places=2)
    service_fee = serializers.DecimalField(source="payment.service_fee", max_digits=12, decimal_places=2)
    total = serializers.DecimalField(source="payment.total", max_digits=12, decimal_places=2)
    currency = serializers.CharField(source="payment.currency")
    package = serializers.CharField(source="payment.package", help_text="The gig's package; empty for an offer.")
    delivery_days = serializers.IntegerField(source="payment.delivery_days")
    revisions = serializers.IntegerField(
        source="payment.revisions", allow_null=True, help_text="Revisions included; null: unlimited."
    )


class TestCardInput(StrictSerializer):
    payment_intent_id = serializers.CharField(max_length=255)


class TestCardOutput(serializers.Serializer[Any]):
    payment_intent_id = serializers.CharField()
    status = serializers.CharField(help_text="The intent's status at the provider: `succeeded` once paid.")


class PlaceOrderInput(StrictSerializer):
    payment_intent_id = serializers.CharField(max_length=255)
    requirements = serializers.CharField(max_length=5000)


class MessageInput(StrictSerializer):
    message = serializers.CharField(max_length=5000)


class ReasonInput(StrictSerializer):
    reason = serializers.CharField(max_length=2000)


class DeliverInput(StrictSerializer):
    message = serializers.CharField(max_length=5000)
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), required=False, max_length=MAX_DELIVERY_FILES
    )


class ExtensionInput(StrictSerializer):
    new_delivery_days = serializers.IntegerField(min_value=1, max_value=365, help_text="Extra days asked for.")
    reason = serializers.CharField(max_length=2000)


class ResolutionInput(StrictSerializer):
    kind = serializers.ChoiceField(
        choices=ResolutionRequest.Kind.choices,
        help_text="cancel: cancel the order, the buyer gets back what is left of the total. "
        "partial_refund: give `amount` of the price back to the buyer; the order goes on.",
    )
    amount = serializers.DecimalField(
        max_digits=PRICE_DIGITS, decimal_places=2, min_value=Decimal("0.01"), max_value=MAX_PRICE, required=False,
        help_text="The partial refund (required for partial_refund, less than what is left of the price; "
        "ignored for cancel, which gives everything left back).",
    )  # fmt: skip
    reason = serializers.CharField(max_length=2000)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["kind"] == ResolutionRequest.Kind.PARTIAL_REFUND and "amount" not in data:
            raise errors.invalid("amount", "A partial refund needs its amount.", "required")
        return data


class AnswerInput(StrictSerializer):
    answer = serializers.CharField(max_length=2000, required=False, default="", help_text="Why, for the requester.")


class ListQuery(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=["buyer", "seller"], required=False)
    status = serializers.ChoiceField(choices=Order.Status.choices, required=False)


class TimelineOutput(serializers.ModelSerializer[TimelineEntry]):
    class Meta:
        model = TimelineEntry
        fields = ["kind", "at", "actor_id", "actor_username", "message"]


class FileOutput(serializers.ModelSerializer[DeliveryFile]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = DeliveryFile
        fields = ["id", "name", "size", "content_type", "url"]

    def get_url(self, file: DeliveryFile) -> str:
        return f"/api/v1/orders/{file.delivery.order_id}/files/{file.pk}"


class DeliveryOutput(serializers.ModelSerializer[Delivery]):
    files = FileOutput(many=True)

    class Meta:
        model = Delivery
        fields = ["id", "message", "delivered_at", "files"]


class ExtensionOutput(serializers.ModelSerializer[Extension]):
    class Meta:
        model = Extension
        fields = ["id", "extra_days", "reason", "status", "requested_at", "decided_at"]


class ResolutionOutput(serializers.ModelSerializer[ResolutionRequest]):
    class Meta:
        model = ResolutionRequest
        fields = [
            "id", "kind", "amount", "reason", "requested_by_id", "requested_by_username", "status", "answer",
            "requested_at", "expires_at", "decided_at",
        ]  # fmt: skip


class OrderSummaryOutput(serializers.ModelSerializer[Order]):
    buyer = serializers.SerializerMethodField()
    seller = serializers.SerializerMethodField()
    gig = serializers.SerializerMethodField()
    expected_seller_earnings = serializers.SerializerMethodField(
        help_text="What the seller is credited: seller_earnings once completed, what completing it now would "
        "credit while it is open (the price less refunds, less the platform's share), 0.00 once cancelled."
    )

    class Meta:
        model = Order
        fields = [
            "id", "status", "buyer", "seller", "gig", "offer_message_id", "package", "revisions_allowed",
            "revisions_used", "price", "service_fee", "total",
            "currency", "seller_earnings", "expected_seller_earnings", "refunded", "placed_at", "due_at", "delivered_at", "completed_at", "cancelled_at",
            "auto_completed", "buyer_reviewed", "seller_reviewed",
        ]  # fmt: skip

    def get_buyer(self, order: Order) -> dict[str, Any]:
        return {"id": order.buyer_id, "username": order.buyer_username}

    def get_seller(self, order: Order) -> dict[str, Any]:
        return {"id": order.seller_id, "username": order.seller_username}

    def get_gig(self, order: Order) -> dict[str, Any]:
        return {"id": order.gig_id, "title": order.gig_title}

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2))
    def get_expected_seller_earnings(self, order: Order) -> str:
        # seller_earnings is written only on completion; an open order's seller wants the figure before.
        if order.seller_earnings is not None:
            return str(order.seller_earnings)
        if order.status == Order.Status.CANCELLED:
            return "0.00"
        return str(money.seller_earnings(order.creditable_price, settings.PLATFORM_SHARE_PERCENT))


class OrderOutput(OrderSummaryOutput):
    """An order with what happened to it (every party sees the same)."""

    timeline = TimelineOutput(many=True)
    deliveries = DeliveryOutput(many=True)
    extensions = ExtensionOutput(many=True)
    resolutions = ResolutionOutput(many=True)

    class Meta(OrderSummaryOutput.Meta):
        fields = [
            *OrderSummaryOutput.Meta.fields, "requirements", "deliveries", "extensions", "resolutions", "timeline",
        ]  # fmt: skip


class PayoutAccountOutput(serializers.ModelSerializer[PayoutAccount]):
    class Meta:
        model = PayoutAccount
        fields = ["provider", "account_id", "connected_at"]


class ConnectOutput(serializers.Serializer[Any]):
    provider = serializers.CharField(source="account.provider")
    account_id = serializers.CharField(source="account.account_id")
    connected_at = serializers.DateTimeField(source="account.connected_at")
    onboarding_url = serializers.CharField(
        help_text="Where the seller gives the provider what it asks before it pays out (a fresh link each call)."
    )


class WithdrawalOutput(serializers.ModelSerializer[Withdrawal]):
    class Meta:
        model = Withdrawal
        fields = [
            "id",
            "amount",
            "currency",
            "status",
            "account_id",
            "transfer_id",
            "failure",
            "requested_at",
            "decided_at",
        ]


class BalanceOutput(serializers.Serializer[Any]):
    pending = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="Earnings not yet cleared.")
    available = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="What may be withdrawn now.")
    withdrawn = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="Withdrawn so far, a withdrawal on its way included."
    )
    currency = serializers.CharField()
    minimum_withdrawal = serializers.DecimalField(max_digits=12, decimal_places=2)
    clearing_days = serializers.FloatField(help_text="Days an earning stays pending after the order completes.")
    account = PayoutAccountOutput(allow_null=True, help_text="The payout account, null until one is connected.")
    pending_withdrawal = WithdrawalOutput(allow_null=True, help_text="The withdrawal on its way, if any.")


class LedgerEntryOutput(serializers.ModelSerializer[LedgerEntry]):
    """One line: how much it moved into (+) or out of (−) each balance, and why."""

    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "kind",
            "pending",
            "available",
            "withdrawn",
            "description",
            "order_id",
            "withdrawal_id",
            "clears_at",
            "at",
        ]


class WithdrawInput(StrictSerializer):
    amount = serializers.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=2, min_value=Decimal("0.01"), max_value=MAX_AMOUNT, required=False,
        help_text="How much to withdraw; everything available when left out.",
    )  # fmt: skip
