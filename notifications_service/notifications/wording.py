"""The texts of the notification table (``handlers.py``) that depend on more than one field.

In-app bodies give no date (an in-app text cannot know the reader's time zone; the order
page and the email, in UTC, do) and no free text (messages, reasons: the email quotes it).
"""

from __future__ import annotations

from common.events.catalog.chat import OfferCancelled, OfferEvent
from common.events.catalog.orders import (
    OrderCancelled,
    OrderCompleted,
    OrderEvent,
    OrderPartiallyRefunded,
    OrderResolutionDeclined,
    OrderResolutionRequested,
)
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
    if event.by_support:
        news = f"Bazaar support completed your order for {event.gig_title}."
    elif event.auto_completed:
        news = f"The time to review the delivery ran out, so your order for {event.gig_title} was approved."
    else:
        news = f"Your order for {event.gig_title} is complete."
    return f"{news} Leave a review of {event.seller_username}'s work."


def completed_for_seller(event: OrderCompleted) -> str:
    if event.by_support:
        news = f"Bazaar support completed the order for {event.gig_title}."
    elif event.auto_completed:
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
    if event.resolution == "support":
        return f"Bazaar support cancelled {what}."
    if event.resolution in ("agreed", "expired"):
        asked = "You" if event.cancelled_by_id == reader_id else party_name(event, event.cancelled_by_id)
        answer = "it was agreed" if event.resolution == "agreed" else "it was not answered in time, so it stands"
        return f"{asked} asked to cancel {what}, and {answer}."
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


def party_name(event: OrderEvent, user_id: int | None) -> str:
    """The username of the party ``user_id``; "Bazaar support" for anyone else."""
    return {event.buyer_id: event.buyer_username, event.seller_id: event.seller_username}.get(
        user_id or 0, "Bazaar support"
    )


def other_party_name(event: OrderEvent, user_id: int) -> str:
    return event.seller_username if user_id == event.buyer_id else event.buyer_username


def request(event: OrderResolutionRequested | OrderResolutionDeclined) -> str:
    """What was asked: ``cancel the order`` or ``refund $30.00``."""
    return "cancel the order" if event.kind == "cancel" else f"refund {usd(event.amount)}"


def resolution_requested(event: OrderResolutionRequested) -> str:
    asked = party_name(event, event.requested_by_id)
    if event.kind == "cancel":
        news = f"{asked} asks to cancel the order for {event.gig_title}; {event.buyer_username} would get back "
        news += f"{usd(event.amount)}."
    else:
        news = f"{asked} proposes to refund {usd(event.amount)} of the price of {event.gig_title}; the order goes on."
    return f"{news} Accept or decline: left unanswered, the request is accepted."


def resolution_declined(event: OrderResolutionDeclined) -> str:
    declined = other_party_name(event, event.requested_by_id)
    return f"{declined} declined your request to {request(event)} for {event.gig_title}. The order goes on as it was."


def _partial_refund_how(event: OrderPartiallyRefunded) -> str:
    if event.resolution == "support":
        return "Bazaar support decided"
    asked = party_name(event, event.requested_by_id)
    return (
        f"{asked} asked and it was agreed"
        if event.resolution == "agreed"
        else f"{asked} asked and it was not answered in time"
    )


def partially_refunded_for_buyer(event: OrderPartiallyRefunded) -> str:
    return f"You are refunded {usd(event.amount)} of your order for {event.gig_title} ({_partial_refund_how(event)})."


def partially_refunded_for_seller(event: OrderPartiallyRefunded) -> str:
    return (
        f"{usd(event.amount)} of the order for {event.gig_title} went back to {event.buyer_username} "
        f"({_partial_refund_how(event)}). You will be credited on the rest of the price."
    )
