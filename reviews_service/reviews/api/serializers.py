"""Input and output serializers of the reviews API, one per operation."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from common.api.serializers import ErrorOutput as ErrorOutput  # the one error body, for the views
from common.api.serializers import StrictSerializer
from reviews_service.reviews.models import COMMENT_MAX_LENGTH, REPLY_MAX_LENGTH, Review


class ReviewInput(StrictSerializer):
    order_id = serializers.UUIDField()
    rating = serializers.IntegerField(min_value=1, max_value=5)
    # A rating alone is a review too: the comment may be left out or empty.
    comment = serializers.CharField(max_length=COMMENT_MAX_LENGTH, allow_blank=True, required=False, default="")


class ReplyInput(StrictSerializer):
    reply = serializers.CharField(max_length=REPLY_MAX_LENGTH)


class OwnReviewOutput(serializers.ModelSerializer[Review]):
    """The review just written, as its author sees it."""

    class Meta:
        model = Review
        fields = [
            "id",
            "order_id",
            "side",
            "gig_id",
            "gig_title",
            "reviewer_username",
            "reviewee_username",
            "rating",
            "comment",
            "created_at",
            "reply",
            "replied_at",
        ]
        read_only_fields = fields


class PublicReviewOutput(serializers.ModelSerializer[Review]):
    """A review as anyone sees it: no order id, no comment once staff hid it, and the seller's reply.

    ``reply`` is empty and ``replied_at`` null until the reviewed seller replies (to a buyer's review).
    """

    comment = serializers.CharField(source="public_comment")

    class Meta:
        model = Review
        fields = [
            "id",
            "gig_id",
            "gig_title",
            "reviewer_username",
            "rating",
            "comment",
            "comment_hidden",
            "created_at",
            "reply",
            "replied_at",
        ]
        read_only_fields = fields


class RatingSummaryOutput(serializers.Serializer[Any]):
    rating_average = serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)
    ratings_count = serializers.IntegerField()
    rating_breakdown = serializers.DictField(child=serializers.IntegerField(), help_text='{"1": n, ..., "5": n}')


class ReviewPageOutput(serializers.Serializer[Any]):
    """One page of reviews, and the summary of all of them (not only this page)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PublicReviewOutput(many=True)
    summary = RatingSummaryOutput()
