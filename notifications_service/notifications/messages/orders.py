"""Messages of orders' events: each tells the party who must hear of it (both, for a
placed, completed or cancelled order), with one in-app kind per event.

The in-app bodies give no date (an in-app text cannot know the reader's time zone; the
order page and the email, in UTC, do) and no free text (messages, reasons: the email
quotes it). Every message links to the order's page.
"""

from __future__ import annotations

from common.events.catalog.orders import (
    OrderCancelled,
    OrderCompleted,
    OrderDelivered,
    OrderEvent,
    OrderExtensionApproved,
    OrderExtensionRejected,
    OrderExtensionRequested,
    OrderPlaced,
    OrderRevisionRequested,
)
from notifications_service.notifications.emails import frontend_link
from notifications_service.notifications.formatting import days, usd
from notifications_service.notifications.messages import Message
from notifications_service.notifications.services import Mail, Notice


def _to(user_id: int, event: OrderEvent, *, title: str, body: str, mail: str) -> Message:
    """``user_id``'s message about ``event``, mailed as the email of kind ``mail``."""
    kind = event.type.removeprefix("orders.").replace(".", "_")  # orders.order.placed → order_placed
    page = f"/orders/{event.order_id}"
    notice = Notice(user_id=user_id, kind=kind, title=title, body=body, link=page)
    return Message(notice, Mail(mail, {**event.model_dump(), "link": frontend_link(page)}))


def placed(event: OrderPlaced) -> list[Message]:
    return [
        _to(
            event.buyer_id,
            event,
            title="Order placed",
            body=f"You paid {usd(event.total)} for {event.gig_title}. {event.seller_username} is now working on it.",
            mail="order_placed_buyer",
        ),
        _to(
            event.seller_id,
            event,
            title=f"New order from {event.buyer_username}",
            body=f"{event.buyer_username} ordered {event.gig_title} ({usd(event.price)}). The work starts now.",
            mail="order_placed_seller",
        ),
    ]


def delivered(event: OrderDelivered) -> Message:
    return _to(
        event.buyer_id,
        event,
        title=f"{event.seller_username} delivered your order",
        body=f"{event.seller_username} delivered {event.gig_title}. "
        "Approve the delivery to complete the order, or ask for a revision.",
        mail="order_delivered",
    )


def revision_requested(event: OrderRevisionRequested) -> Message:
    return _to(
        event.seller_id,
        event,
        title=f"{event.buyer_username} asked for a revision",
        body=f"{event.buyer_username} asked for changes to {event.gig_title}. The order is in progress again.",
        mail="order_revision_requested",
    )


def extension_requested(event: OrderExtensionRequested) -> Message:
    return _to(
        event.buyer_id,
        event,
        title=f"{event.seller_username} asked for more time",
        body=f"{event.seller_username} asked for {days(event.extra_days)} more to deliver {event.gig_title}. "
        "Approve or reject the extension.",
        mail="order_extension_requested",
    )


def extension_approved(event: OrderExtensionApproved) -> Message:
    return _to(
        event.seller_id,
        event,
        title=f"{event.buyer_username} approved your extension",
        body=f"You have {days(event.extra_days)} more to deliver {event.gig_title}.",
        mail="order_extension_approved",
    )


def extension_rejected(event: OrderExtensionRejected) -> Message:
    return _to(
        event.seller_id,
        event,
        title=f"{event.buyer_username} rejected your extension",
        body=f"{event.buyer_username} rejected your request for {days(event.extra_days)} more "
        f"for {event.gig_title}: the due date stays.",
        mail="order_extension_rejected",
    )


def completed(event: OrderCompleted) -> list[Message]:
    if event.auto_completed:
        buyer_news = f"The time to review the delivery ran out, so your order for {event.gig_title} was approved."
        seller_news = f"{event.buyer_username} did not review your delivery for {event.gig_title} in time, "
        seller_news += "so it was approved automatically."
    else:
        buyer_news = f"Your order for {event.gig_title} is complete."
        seller_news = f"{event.buyer_username} approved your delivery for {event.gig_title}."
    earned = usd(event.seller_earnings)
    return [
        _to(
            event.buyer_id,
            event,
            title="Order complete",
            body=f"{buyer_news} Leave a review of {event.seller_username}'s work.",
            mail="order_completed_buyer",
        ),
        _to(
            event.seller_id,
            event,
            title=f"Order complete: {earned} earned",
            body=f"{seller_news} {earned} was credited to your earnings.",
            mail="order_completed_seller",
        ),
    ]


def cancelled(event: OrderCancelled) -> list[Message]:
    """Both parties hear of it, the one who cancelled too: the buyer's is the refund's receipt."""
    return [
        _to(
            event.buyer_id,
            event,
            title="Order cancelled",
            body=f"{_who_cancelled(event, event.buyer_id, 'your order')} {_refund(event)}",
            mail="order_cancelled_buyer",
        ),
        _to(
            event.seller_id,
            event,
            title="Order cancelled",
            body=f"{_who_cancelled(event, event.seller_id, 'the order')} Nothing is credited to your earnings for it.",
            mail="order_cancelled_seller",
        ),
    ]


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
