"""Write use-cases of the reviews service: recording completed orders and reviewing them."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db import transaction

from common.events import outbox
from common.events.catalog.reviews import ReviewCreated
from reviews_service.reviews.errors import AlreadyReviewed, OrderNotFound
from reviews_service.reviews.models import CompletedOrder, Review, Side


def record_completed_order(
    *,
    order_id: UUID,
    gig_id: int,
    gig_title: str,
    buyer_id: int,
    buyer_username: str,
    seller_id: int,
    seller_username: str,
    completed_at: datetime,
) -> CompletedOrder:
    """Remember that the order completed, so that its parties may review it.

    An order completes once; a second announcement of it (a replay under another event id)
    changes nothing.
    """
    order, _ = CompletedOrder.objects.get_or_create(
        order_id=order_id,
        defaults={
            "gig_id": gig_id,
            "gig_title": gig_title,
            "buyer_id": buyer_id,
            "buyer_username": buyer_username,
            "seller_id": seller_id,
            "seller_username": seller_username,
            "completed_at": completed_at,
        },
    )
    return order


def create_review(*, user_id: int, order_id: UUID, rating: int, comment: str) -> Review:
    """Review the other party of a completed order and announce ``reviews.review.created``.

    The side is who ``user_id`` is on the order. Raises ``OrderNotFound`` when the caller
    is no party of a completed order with this id, ``AlreadyReviewed`` when their side has
    reviewed it. The order row is locked, so of two concurrent reviews by one side the
    second sees the first and is refused (the unique constraint backs this up).
    """
    with transaction.atomic():
        order = _locked_order_of_party(order_id, user_id)
        side = Side.BUYER if user_id == order.buyer_id else Side.SELLER
        if order.reviews.filter(side=side).exists():
            raise AlreadyReviewed()
        review = Review.objects.create(order=order, side=side, rating=rating, comment=comment, **_parties(order, side))
        outbox.publish(_created_event(review))
        return review


def set_comments_hidden(*, review_ids: list[int], hidden: bool) -> int:
    """Hide (or show again) the comments of these reviews on the public lists; how many changed."""
    return Review.objects.filter(pk__in=review_ids).exclude(comment_hidden=hidden).update(comment_hidden=hidden)


def _locked_order_of_party(order_id: UUID, user_id: int) -> CompletedOrder:
    order = CompletedOrder.objects.select_for_update().filter(order_id=order_id).first()
    if order is None or user_id not in (order.buyer_id, order.seller_id):
        raise OrderNotFound()
    return order


def _parties(order: CompletedOrder, side: Side) -> dict[str, object]:
    buyer = (order.buyer_id, order.buyer_username)
    seller = (order.seller_id, order.seller_username)
    reviewer, reviewee = (buyer, seller) if side == Side.BUYER else (seller, buyer)
    return {
        "gig_id": order.gig_id,
        "gig_title": order.gig_title,
        "reviewer_id": reviewer[0],
        "reviewer_username": reviewer[1],
        "reviewee_id": reviewee[0],
        "reviewee_username": reviewee[1],
    }


def _created_event(review: Review) -> ReviewCreated:
    return ReviewCreated(
        review_id=review.pk,
        order_id=review.order_id,
        gig_id=review.gig_id,
        side=review.side,
        reviewer_id=review.reviewer_id,
        reviewer_username=review.reviewer_username,
        reviewee_id=review.reviewee_id,
        reviewee_username=review.reviewee_username,
        rating=review.rating,
        comment=review.comment,
        created_at=review.created_at,
    )
