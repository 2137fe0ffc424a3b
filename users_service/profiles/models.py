"""Buyer and seller profiles.

The users service owns no account: ``user_id`` is the auth service's id, and the buyer
fields that come from events (everything but ``updated_at``) change only when an event
says so. A seller profile is what a buyer writes to become a seller, plus the seller's
stats, which only events from gigs, orders and reviews change.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower

CENT = Decimal("0.01")


class BuyerProfile(models.Model):
    """The buyer side of an account; one per ``user_id``, created by ``auth.user.registered``."""

    user_id = models.PositiveBigIntegerField(unique=True)
    # As long as the event allows (auth's own limit is shorter): a valid event always fits.
    username = models.CharField(max_length=150, unique=True)
    email = models.EmailField(max_length=254)
    email_verified = models.BooleanField(default=False)
    country = models.CharField(max_length=64, blank=True)
    # True once the seller profile exists (kept here so buyer pages need no join).
    is_seller = models.BooleanField(default=False)
    # The account's profile picture (a storage name under users/avatars/; blank: none), one
    # per account whether buyer or seller, checked and stored like gig covers.
    avatar = models.ImageField(upload_to="users/avatars/", blank=True)
    # When the account was registered (the event's ``occurred_at``), not when this row was written.
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id"]
        constraints = [
            # Public URLs look buyers up regardless of case, as auth reserves usernames.
            models.UniqueConstraint(Lower("username"), name="profiles_buyer_username_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.username} ({self.user_id})"


class LanguageLevel(models.TextChoices):
    BASIC = "basic"
    CONVERSATIONAL = "conversational"
    FLUENT = "fluent"
    NATIVE = "native"


class SellerProfile(models.Model):
    """The seller side of an account: written by its owner, counted by events.

    Its primary key is the account's ``user_id`` (``buyer_id``), the id every event names
    the seller by, so a stats update is one indexed ``UPDATE`` without a join.
    """

    buyer = models.OneToOneField(
        BuyerProfile,
        to_field="user_id",
        db_column="user_id",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="seller",
    )
    full_name = models.CharField(max_length=100)
    one_liner = models.CharField(max_length=100)
    description = models.TextField(max_length=2000)
    # Lists of small documents the owner edits as a whole (shapes: api/seller_serializers.py).
    skills = models.JSONField(default=list)
    languages = models.JSONField(default=list)
    experience = models.JSONField(default=list)
    education = models.JSONField(default=list)
    certificates = models.JSONField(default=list)
    social_links = models.JSONField(default=list)
    response_time_hours = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(168)])

    # Stats, changed only by the event handlers with F() expressions. The counters are
    # signed: events are not ordered, so a cancellation may be counted before its order
    # was placed; increments commute and the total is right once both arrived.
    ratings_count = models.IntegerField(default=0)
    rating_sum = models.IntegerField(default=0)
    rating_1_count = models.IntegerField(default=0)
    rating_2_count = models.IntegerField(default=0)
    rating_3_count = models.IntegerField(default=0)
    rating_4_count = models.IntegerField(default=0)
    rating_5_count = models.IntegerField(default=0)
    ongoing_jobs = models.IntegerField(default=0)
    completed_jobs = models.IntegerField(default=0)
    cancelled_jobs = models.IntegerField(default=0)
    total_gigs = models.IntegerField(default=0)
    # What the seller was credited, and what buyers paid for the work (the average selling price).
    total_earnings = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    total_sales = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0.00"))
    recent_delivery_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["buyer_id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.buyer_id})"

    @property
    def rating_average(self) -> Decimal | None:
        """Mean of the buyers' ratings to two decimals; None before the first one."""
        if self.ratings_count <= 0:
            return None
        return (Decimal(self.rating_sum) / self.ratings_count).quantize(CENT, ROUND_HALF_UP)

    @property
    def rating_breakdown(self) -> dict[str, int]:
        """How many ratings gave each number of stars, ``{"1": n, ..., "5": n}``."""
        return {str(stars): getattr(self, f"rating_{stars}_count") for stars in range(1, 6)}

    @property
    def average_selling_price(self) -> Decimal:
        """What buyers paid per completed order, on average (0.00 before the first one)."""
        if self.completed_jobs <= 0:
            return Decimal("0.00")
        return (self.total_sales / self.completed_jobs).quantize(CENT, ROUND_HALF_UP)


class DeletedAccount(models.Model):
    """An account whose owner deleted it: its profiles are erased, and events still on their way about it are dropped."""

    user_id = models.PositiveBigIntegerField(primary_key=True)
    deleted_at = models.DateTimeField()
