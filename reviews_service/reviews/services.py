"""Write use-cases of the reviews service: recording completed orders and reviewing them."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from common.events import outbox
from common.events.catalog.auth import DELETED_USERNAME
from common.events.catalog.reviews import ReviewCreated, ReviewReplied
from reviews_service.reviews.errors import (
    AlreadyReplied,
    AlreadyReviewed,
    OnlyReviewedSeller,
    OrderNotFound,
    ReviewNotFound,
)
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


def reply_to_review(*, user_id: int, review_id: int, reply: str) -> Review:
    """The reviewed seller answers a buyer's review, once, and ``reviews.review.replied`` is announced.

    Raises ``ReviewNotFound`` for an unknown id, ``OnlyReviewedSeller`` when ``user_id`` is
    not the seller a buyer's review is about (reviews are public, so hiding one would hide
    nothing), ``AlreadyReplied`` on a second reply. The review row is locked, so of two
    concurrent replies the second sees the first.
    """
    with transaction.atomic():
        review = Review.objects.select_for_update().filter(pk=review_id).first()
        if review is None:
            raise ReviewNotFound()
        if review.side != Side.BUYER or review.reviewee_id != user_id:
            raise OnlyReviewedSeller()
        if review.replied:
            raise AlreadyReplied()
        review.reply, review.replied_at = reply, timezone.now()
        review.save(update_fields=["reply", "replied_at"])
        outbox.publish(_replied_event(review))
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


def _replied_event(review: Review) -> ReviewReplied:
    assert review.replied_at is not None  # set by the reply this announces
    return ReviewReplied(
        review_id=review.pk,
        order_id=review.order_id,
        gig_id=review.gig_id,
        reviewer_id=review.reviewer_id,
        reviewer_username=review.reviewer_username,
        seller_id=review.reviewee_id,
        seller_username=review.reviewee_username,
        reply=review.reply,
        replied_at=review.replied_at,
    )


def anonymise_deleted_account(*, user_id: int) -> None:
    """The account was deleted: its reviews, written or received, stay (ratings must add up) under "Deleted user"."""
    with transaction.atomic():
        Review.objects.filter(reviewer_id=user_id).update(reviewer_username=DELETED_USERNAME)
        Review.objects.filter(reviewee_id=user_id).update(reviewee_username=DELETED_USERNAME)
        CompletedOrder.objects.filter(buyer_id=user_id).update(buyer_username=DELETED_USERNAME)
        CompletedOrder.objects.filter(seller_id=user_id).update(seller_username=DELETED_USERNAME)
