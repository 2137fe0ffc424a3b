"""Orders, their payments, deliveries, extensions and timeline; orders' copies of gigs and offers.

Orders never asks another service: it prices an order from its replica of the gig (from
``gigs.gig.*``) or of the accepted offer (from ``chat.offer.accepted``), never from the
client. Money is ``Decimal`` with two places; the provider is paid in integer cents.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from common.events.replicas import GigReplica
from orders_service.orders.money import MONEY_DIGITS, MONEY_PLACES

MONEY: dict[str, Any] = {"max_digits": MONEY_DIGITS, "decimal_places": MONEY_PLACES}


class Gig(GigReplica):
    """The orders service's replica of a gig, as of ``changed_at``, with what an order needs more."""

    seller_username = models.CharField(max_length=150, blank=True)
    expected_delivery_days = models.PositiveSmallIntegerField(default=1)
    # ``gigs.gig.*`` v2's packages as JSON (tier, title, description, price, delivery_days,
    # revisions); empty for a copy made from v1 only, whose one package is its price and days.
    packages = models.JSONField(default=list, blank=True)

    @property
    def orderable(self) -> bool:
        return self.available

    def package(self, tier: str) -> dict[str, Any] | None:
        """The package ``tier`` as the gig sells it now (price a ``Decimal``); None when not offered."""
        offered = self.packages or [
            {"tier": "basic", "price": str(self.price), "delivery_days": self.expected_delivery_days, "revisions": None}
        ]
        found = next((package for package in offered if package["tier"] == tier), None)
        return None if found is None else {**found, "price": Decimal(found["price"])}


class AcceptedOffer(models.Model):
    """A custom offer the buyer accepted in chat: its price and delivery days replace the gig's."""

    message_id = models.PositiveBigIntegerField(primary_key=True)
    conversation_id = models.PositiveBigIntegerField()
    seller_id = models.PositiveBigIntegerField()
    seller_username = models.CharField(max_length=150)
    buyer_id = models.PositiveBigIntegerField(db_index=True)
    buyer_username = models.CharField(max_length=150)
    gig_id = models.PositiveBigIntegerField()
    gig_title = models.CharField(max_length=120)
    price = models.DecimalField(**MONEY)
    description = models.TextField(max_length=2000)
    delivery_days = models.PositiveSmallIntegerField()
    accepted_at = models.DateTimeField()

    class Meta:
        ordering = ["message_id"]

    def __str__(self) -> str:
        return f"offer #{self.message_id} {self.price}"


class Payment(models.Model):
    """One payment intent at the provider, for what the buyer is about to order.

    The terms (parties, gig, price, fee, delivery days) are fixed when the intent is
    created, so that placing the order takes nothing from the client but the intent id.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        SUCCEEDED = "succeeded"
        REFUNDED = "refunded"

    intent_id = models.CharField(max_length=255, unique=True)
    provider = models.CharField(max_length=20)
    buyer_id = models.PositiveBigIntegerField(db_index=True)
    buyer_username = models.CharField(max_length=150)
    seller_id = models.PositiveBigIntegerField()
    seller_username = models.CharField(max_length=150)
    gig_id = models.PositiveBigIntegerField()
    gig_title = models.CharField(max_length=120)
    offer_message_id = models.PositiveBigIntegerField(null=True, blank=True)
    # The gig's package bought (basic, standard, premium); empty for an offer, which has its own terms.
    package = models.CharField(max_length=8, blank=True)
    # Revisions the package includes; None: unlimited (and for an offer).
    revisions = models.PositiveSmallIntegerField(null=True, blank=True)
    delivery_days = models.PositiveSmallIntegerField()
    price = models.DecimalField(**MONEY)
    service_fee = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    succeeded_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    refund_id = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(total__gt=0), name="orders_payment_total_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.intent_id} {self.status}"

    @property
    def total_cents(self) -> int:
        return int(self.total * 100)


class Order(models.Model):
    """A paid order of one gig (or accepted offer) by a buyer from a seller."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress"
        DELIVERED = "delivered"
        COMPLETED = "completed"
        CANCELLED = "cancelled"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # One order per payment: the database refuses a second order for a replayed intent.
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="order")
    buyer_id = models.PositiveBigIntegerField()
    buyer_username = models.CharField(max_length=150)
    seller_id = models.PositiveBigIntegerField()
    seller_username = models.CharField(max_length=150)
    gig_id = models.PositiveBigIntegerField()
    gig_title = models.CharField(max_length=120)
    offer_message_id = models.PositiveBigIntegerField(null=True, blank=True)
    package = models.CharField(max_length=8, blank=True)
    # Revisions the buyer may ask for (None: unlimited) and has asked for so far.
    revisions_allowed = models.PositiveSmallIntegerField(null=True, blank=True)
    revisions_used = models.PositiveSmallIntegerField(default=0)
    requirements = models.TextField(max_length=5000)
    price = models.DecimalField(**MONEY)
    service_fee = models.DecimalField(**MONEY)
    total = models.DecimalField(**MONEY)
    currency = models.CharField(max_length=3)
    seller_earnings = models.DecimalField(**MONEY, null=True, blank=True)
    # What went back to the buyer so far: partial refunds, then the rest on cancellation.
    refunded = models.DecimalField(**MONEY, default=Decimal("0.00"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    placed_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    auto_completed = models.BooleanField(default=False)
    buyer_reviewed = models.BooleanField(default=False)
    seller_reviewed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-placed_at", "-id"]
        permissions = [("resolve_dispute", "Can resolve a dispute (refund in full or in part, or complete)")]
        indexes = [
            models.Index(fields=["buyer_id", "-placed_at"], name="orders_order_buyer_placed"),
            models.Index(fields=["seller_id", "-placed_at"], name="orders_order_seller_placed"),
            models.Index(fields=["delivered_at"], condition=Q(status="delivered"), name="orders_order_awaiting"),
        ]

    def __str__(self) -> str:
        return f"order {self.pk} {self.status}"

    def role_of(self, user_id: int) -> str | None:
        """``buyer``, ``seller`` or None for anyone else."""
        if user_id == self.buyer_id:
            return "buyer"
        if user_id == self.seller_id:
            return "seller"
        return None

    def other_party(self, user_id: int) -> int:
        return self.seller_id if user_id == self.buyer_id else self.buyer_id

    @property
    def refundable(self) -> Decimal:
        """What a cancellation gives back now: the total less earlier partial refunds."""
        return self.total - self.refunded

    @property
    def creditable_price(self) -> Decimal:
        """The price the seller is credited on: the price less partial refunds."""
        return self.price - self.refunded


class TimelineEntry(models.Model):
    """One thing that happened to an order, who did it (None: the system) and when."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=30)
    actor_id = models.PositiveBigIntegerField(null=True, blank=True)
    actor_username = models.CharField(max_length=150, blank=True)
    message = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = "timeline entries"

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """Work the seller delivered: a message and files (an order may be delivered again)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="deliveries")
    message = models.TextField(max_length=5000)
    delivered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["delivered_at", "id"]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"delivery #{self.pk} of {self.order_id}"


class DeliveryFile(models.Model):
    """A delivered file in ``default_storage`` under a random name; the seller's name is only shown."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="files")
    path = models.CharField(max_length=255)
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Extension(models.Model):
    """The seller's request to move the due date by ``extra_days``, and the buyer's decision."""

    class Status(models.TextChoices):
        PENDING = "pending"
        APPROVED = "approved"
        REJECTED = "rejected"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="extensions")
    extra_days = models.PositiveSmallIntegerField()
    reason = models.TextField(max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=Q(status="pending"), name="orders_extension_one_pending"
            ),
            models.CheckConstraint(
                condition=Q(extra_days__gte=1, extra_days__lte=365), name="orders_extension_days_range"
            ),
        ]

    def __str__(self) -> str:
        return f"+{self.extra_days} days ({self.status})"


class ResolutionRequest(models.Model):
    """A party's request to cancel the order or to agree a partial refund; the other party answers.

    Silence until ``expires_at`` accepts it (beat); an order that ends otherwise closes it.
    """

    class Kind(models.TextChoices):
        CANCEL = "cancel"
        PARTIAL_REFUND = "partial_refund"

    class Status(models.TextChoices):
        PENDING = "pending"
        ACCEPTED = "accepted"
        DECLINED = "declined"
        EXPIRED = "expired"
        CLOSED = "closed"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="resolutions")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    amount = models.DecimalField(**MONEY)
    reason = models.TextField(max_length=2000)
    requested_by_id = models.PositiveBigIntegerField()
    requested_by_username = models.CharField(max_length=150)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    answer = models.TextField(max_length=2000, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=Q(status="pending"), name="orders_resolution_one_pending"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="orders_resolution_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["expires_at"], condition=Q(status="pending"), name="orders_resolution_expiring"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} ({self.status})"


class Refund(models.Model):
    """Money given back to the buyer at the provider: a partial refund or the rest on cancellation."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="refunds")
    amount = models.DecimalField(**MONEY)
    provider_refund_id = models.CharField(max_length=255)
    resolution = models.CharField(max_length=10)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"refund {self.amount} of {self.order_id}"


class PayoutAccount(models.Model):
    """The account at the provider (a Stripe connected account) a seller's withdrawals are transferred to."""

    seller_id = models.PositiveBigIntegerField(primary_key=True)
    seller_username = models.CharField(max_length=150)
    provider = models.CharField(max_length=20)
    account_id = models.CharField(max_length=255, unique=True)
    connected_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.seller_username} → {self.account_id}"


class Withdrawal(models.Model):
    """A seller's withdrawal of available money to their payout account: one transfer at the provider.

    ``pending`` from the moment the money leaves the available balance until the provider
    answers: ``paid`` (with its transfer), or ``failed`` (the money goes back, a ledger line
    says so). One waits at a time per seller.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        PAID = "paid"
        FAILED = "failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    seller_id = models.PositiveBigIntegerField()
    seller_username = models.CharField(max_length=150)
    account_id = models.CharField(max_length=255)
    amount = models.DecimalField(**MONEY)
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # The client's Idempotency-Key: the same key answers with the same withdrawal.
    idempotency_key = models.CharField(max_length=255, blank=True)
    transfer_id = models.CharField(max_length=255, blank=True)
    failure = models.CharField(max_length=500, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seller_id"], condition=Q(status="pending"), name="orders_withdrawal_one_pending"
            ),
            models.UniqueConstraint(
                fields=["seller_id", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="orders_withdrawal_idempotency_key",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="orders_withdrawal_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"withdrawal {self.amount} ({self.status})"


class LedgerEntry(models.Model):
    """One line of a seller's ledger: what moved between pending, available and withdrawn, and why.

    Lines are only ever added. Each balance is the sum of its column, so every cent of it is
    explained by the lines that moved it: an earning enters ``pending`` on completion, its
    clearing moves it to ``available`` after ``EARNINGS_CLEARING_DAYS``, a withdrawal moves
    it to ``withdrawn``, and a failed withdrawal moves it back. ``clears_at`` is set on an
    earning: when it becomes available.
    """

    class Kind(models.TextChoices):
        EARNING = "earning"
        CLEARED = "cleared"
        WITHDRAWAL = "withdrawal"
        WITHDRAWAL_FAILED = "withdrawal_failed"

    seller_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    pending = models.DecimalField(**MONEY, default=Decimal("0.00"))
    available = models.DecimalField(**MONEY, default=Decimal("0.00"))
    withdrawn = models.DecimalField(**MONEY, default=Decimal("0.00"))
    description = models.CharField(max_length=300)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries")
    clears_at = models.DateTimeField(null=True, blank=True)
    withdrawal = models.ForeignKey(
        Withdrawal, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "ledger entries"
        constraints = [
            # One earning and one clearing per order, one line per step of a withdrawal: a
            # sweep run twice, or two at once, writes nothing twice.
            models.UniqueConstraint(
                fields=["order", "kind"], condition=Q(order__isnull=False), name="orders_ledger_one_per_order_step"
            ),
            models.UniqueConstraint(
                fields=["withdrawal", "kind"],
                condition=Q(withdrawal__isnull=False),
                name="orders_ledger_one_per_withdrawal_step",
            ),
        ]
        indexes = [
            models.Index(fields=["seller_id", "-at"], name="orders_ledger_seller_at"),
            models.Index(fields=["clears_at"], condition=Q(kind="earning"), name="orders_ledger_clearing"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of seller {self.seller_id} at {self.at:%Y-%m-%d %H:%M}"
