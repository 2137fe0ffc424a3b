"""Events the reviews service publishes."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import Field

from common.events.base import Event
from common.events.catalog.money import Rating, Username


class ReviewCreated(Event):
    """One party of a completed order reviewed the other.

    ``side`` is ``buyer`` when the buyer reviewed the seller (this one counts towards the
    seller's and the gig's rating) and ``seller`` when the seller reviewed the buyer.
    """

    type = "reviews.review.created"

    review_id: int
    order_id: UUID
    gig_id: int
    side: str = Field(pattern=r"^(buyer|seller)$")
    reviewer_id: int
    reviewer_username: Username
    reviewee_id: int
    reviewee_username: Username
    rating: Rating
    comment: str = Field(max_length=2000)
    created_at: datetime


class ReviewReplied(Event):
    """The reviewed seller answered a buyer's review, once; notifications tells the buyer who wrote it."""

    type = "reviews.review.replied"

    review_id: int
    order_id: UUID
    gig_id: int
    reviewer_id: int
    reviewer_username: Username
    seller_id: int
    seller_username: Username
    reply: str = Field(min_length=1, max_length=2000)
    replied_at: datetime
