"""The texts of the notification table (``handlers.py``) that depend on more than one field.

In-app bodies give no date (an in-app text cannot know the reader's time zone; the order
page and the email, in UTC, do) and no free text (messages, reasons: the email quotes it).
"""

from __future__ import annotations

from common.events.catalog.chat import OfferCancelled, OfferEvent
from common.events.catalog.orders import OrderCancelled, OrderCompleted
from common.events.catalog.reviews import ReviewCreated
from notifications_service.notifications.formatting import days, usd


def terms(event: OfferEvent) -> str:
    """``$49.99, delivery in 3 days``."""
    return f"{usd(event.price)}, delivery in {days(event.delivery_days)}"


def offer_cancelled_by(event: OfferCancelled) -> str:
    """The name of the party who cancelled the offer; empty when someone else (staff) did."""
    parties = {event.buyer_id: event.buyer_username, event.seller_id: event.seller_username}
    return parties.get(event.cancelled_by_id, "")


def offer_cancelled(event: OfferCancelled) -> str:
    offer = f"offer for {event.gig_title} ({terms(event)})"
    cancelled_by = offer_cancelled_by(event)
    return f"{cancelled_by} cancelled the {offer}." if cancelled_by else f"The {offer} was cancelled."


def completed_for_buyer(event: OrderCompleted) -> str:
    if event.auto_completed:
        news = f"The time to review the delivery ran out, so your order for {event.gig_title} was approved."
    else:
        news = f"Your order for {event.gig_title} is complete."
    return f"{news} Leave a review of {event.seller_username}'s work."


def completed_for_seller(event: OrderCompleted) -> str:
    if event.auto_completed:
        news = f"{event.buyer_username} did not review your delivery for {event.gig_title} in time, "
        news += "so it was approved automatically."
    else:
        news = f"{event.buyer_username} approved your delivery for {event.gig_title}."
    return f"{news} {usd(event.seller_earnings)} was credited to your earnings."


def cancelled_for_buyer(event: OrderCancelled) -> str:
    """The refund's receipt."""
    return f"{_who_cancelled(event, event.buyer_id, 'your order')} {_refund(event)}"


def cancelled_for_seller(event: OrderCancelled) -> str:
    return f"{_who_cancelled(event, event.seller_id, 'the order')} Nothing is credited to your earnings for it."


def _who_cancelled(event: OrderCancelled, reader_id: int, order: str) -> str:
    """``order`` is how the reader calls it ("your order", "the order")."""
    what = f"{order} for {event.gig_title}"
    if event.cancelled_by_id == reader_id:
        return f"You cancelled {what}."
    if event.cancelled_by_id == event.buyer_id:
        return f"{event.buyer_username} cancelled {what}."
    if event.cancelled_by_id == event.seller_id:
        return f"{event.seller_username} cancelled {what}."
    return f"{order.capitalize()} for {event.gig_title} was cancelled."


def _refund(event: OrderCancelled) -> str:
    if event.refunded == event.total:
        return f"You are refunded the full {usd(event.total)} you paid."
    return f"You are refunded {usd(event.refunded)} of the {usd(event.total)} you paid."


def stars(rating: int) -> str:
    """``1`` → ``"1 star"``, ``5`` → ``"5 stars"``."""
    return f"{rating} star" if rating == 1 else f"{rating} stars"


def review_received(event: ReviewCreated) -> str:
    # ``side`` is the reviewer's: a buyer reviews the seller's work, a seller the buyer.
    about = "your work" if event.side == "buyer" else "you as a buyer"
    return f"{event.reviewer_username} rated {about} {stars(event.rating)} out of 5. See the review on the order."
