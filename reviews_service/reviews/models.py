"""Completed orders (a replica fed by ``orders.order.completed``) and the reviews written on them.

The reviews service owns no order: a ``CompletedOrder`` is what the orders service
announced when the order completed, and only the parties it names may review it, once
per side.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

COMMENT_MAX_LENGTH = 2000  # as long as ``reviews.review.created`` allows
REPLY_MAX_LENGTH = 2000  # as long as ``reviews.review.replied`` allows


class CompletedOrder(models.Model):
    """An order the orders service completed; written once, by its ``orders.order.completed`` event."""

    order_id = models.UUIDField(primary_key=True)
    gig_id = models.PositiveBigIntegerField()
    # The title when the order completed: what the buyer bought, even if the gig is renamed later.
    gig_title = models.CharField(max_length=120)
    buyer_id = models.PositiveBigIntegerField()
    buyer_username = models.CharField(max_length=150)
    seller_id = models.PositiveBigIntegerField()
    seller_username = models.CharField(max_length=150)
    completed_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_at"]

    def __str__(self) -> str:
        return f"{self.order_id} ({self.buyer_username} → {self.seller_username})"


class Side(models.TextChoices):
    """Who wrote the review: the buyer (of the seller) or the seller (of the buyer)."""

    BUYER = "buyer"
    SELLER = "seller"


class Review(models.Model):
    """One party's review of the other on a completed order.

    The parties and the gig are copied from the order so that every public list (a gig's,
    a seller's, a buyer's) reads one table through its own partial index.
    """

    order = models.ForeignKey(CompletedOrder, on_delete=models.PROTECT, related_name="reviews")
    side = models.CharField(max_length=6, choices=Side.choices)
    gig_id = models.PositiveBigIntegerField()
    gig_title = models.CharField(max_length=120)
    reviewer_id = models.PositiveBigIntegerField()
    reviewer_username = models.CharField(max_length=150)
    reviewee_id = models.PositiveBigIntegerField()
    reviewee_username = models.CharField(max_length=150)
    rating = models.PositiveSmallIntegerField()
    comment = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)
    # Staff may hide an abusive comment; the rating still counts (it was announced already).
    comment_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # The reviewed seller's one public answer to a buyer's review; ``replied_at`` is set with it.
    reply = models.TextField(max_length=REPLY_MAX_LENGTH, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "side"], name="reviews_one_review_per_side_per_order"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="reviews_rating_1_to_5"),
        ]
        indexes = [
            # The two public lists show the buyers' reviews, newest first.
            models.Index(
                F("gig_id"),
                F("created_at").desc(),
                F("id").desc(),
                name="reviews_of_gig_idx",
                condition=Q(side=Side.BUYER),
            ),
            models.Index(
                Lower("reviewee_username"),
                F("created_at").desc(),
                F("id").desc(),
                name="reviews_received_by_seller_idx",
                condition=Q(side=Side.BUYER),
            ),
            # The buyer's public list shows the sellers' reviews of them.
            models.Index(
                Lower("reviewee_username"),
                F("created_at").desc(),
                F("id").desc(),
                name="reviews_received_by_buyer_idx",
                condition=Q(side=Side.SELLER),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_username} → {self.reviewee_username}: {self.rating}/5"

    @property
    def public_comment(self) -> str:
        """The comment as the public lists show it: empty once staff hid it."""
        return "" if self.comment_hidden else self.comment

    @property
    def replied(self) -> bool:
        return self.replied_at is not None
