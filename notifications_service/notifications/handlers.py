"""What each consumed event tells whom, as one table, and the one handler that applies it.

Each row of :data:`NOTIFICATIONS` is one notice to the recipients of one event: who they
are, the in-app category (``kind``) and text, and the email template (a kind of
``emails.KINDS``, whose entry says whether it is essential: the opt-out of news does not stop
offer and order mail). The events of auth go to the account's owner at the address they
carry, with no page, and their links and codes go into the email only, never into the
in-app notice. Those of chat link to the conversation, those of orders and reviews to the order, and
their emails get the event's fields plus ``link``.

One handler per event type, ``on_<event>`` (``on_order_placed``: the names are the inbox
keys, keep them), runs once per event (the inbox) inside one transaction: it updates the
recipient directory where the event says something about an address, then stores every
notice, its ``NotificationCreated`` and its email row together; the emails are queued for
sending only after that commit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from common.events.base import Event
from common.events.catalog.auth import (
    EmailChanged,
    EmailChangeRequested,
    EmailVerificationRequested,
    EmailVerified,
    OtpRequested,
    PasswordChanged,
    PasswordResetCompleted,
    PasswordResetRequested,
    UserDeleted,
    UserRegistered,
)
from common.events.catalog.chat import ConversationRead, MessageSent, OfferAccepted, OfferCancelled, OfferSent
from common.events.catalog.orders import (
    OrderCancelled,
    OrderCompleted,
    OrderDelivered,
    OrderExtensionApproved,
    OrderExtensionRejected,
    OrderExtensionRequested,
    OrderPartiallyRefunded,
    OrderPlaced,
    OrderResolutionDeclined,
    OrderResolutionRequested,
    OrderRevisionRequested,
    PayoutFailed,
    PayoutWithdrawn,
)
from common.events.catalog.reviews import ReviewCreated, ReviewReplied
from common.events.envelope import Envelope
from common.events.handlers import HandlerFunction, handles
from notifications_service.notifications import digests, services, wording
from notifications_service.notifications.emails import frontend_link
from notifications_service.notifications.formatting import days, usd
from notifications_service.notifications.services import Addressee, Mail, Notice
from notifications_service.notifications.tasks import send_after_commit

Text = Callable[[Any], str]
Recipients = Callable[[Any], list[int]]


def owner(event: Any) -> list[int]:
    return [event.user_id]


def buyer(event: Any) -> list[int]:
    return [event.buyer_id]


def seller(event: Any) -> list[int]:
    return [event.seller_id]


def reviewee(event: Any) -> list[int]:
    return [event.reviewee_id]


def reviewer(event: Any) -> list[int]:
    return [event.reviewer_id]


def parties_but_who_cancelled(event: Any) -> list[int]:
    """Should anyone else (staff) ever cancel, both parties."""
    return [user_id for user_id in dict.fromkeys([event.buyer_id, event.seller_id]) if user_id != event.cancelled_by_id]


def who_must_answer(event: Any) -> list[int]:
    """The party who did not ask."""
    return [event.seller_id if event.requested_by_id == event.buyer_id else event.buyer_id]


def who_asked(event: Any) -> list[int]:
    return [event.requested_by_id]


def nothing_more(event: Any) -> dict[str, object]:
    return {}


@dataclass(frozen=True)
class Notification:
    """One row: whom an event is told to, in the app (``kind``, ``title``, ``body``) and by which email."""

    event: type[Event]
    to: Recipients
    kind: str
    title: Text
    body: Text
    mail: str
    # What the email's template needs beyond the event's fields and ``link``.
    extra: Callable[[Any], Mapping[str, object]] = field(default=nothing_more)
    # Where an auth event's email goes: the address it carries, unless the row says otherwise.
    address: Callable[[Any], str] = field(default=lambda e: e.email)


N = Notification

NOTIFICATIONS: tuple[Notification, ...] = (
    # auth: to the account's owner
    N(
        EmailVerificationRequested, owner, "verify_email",
        lambda e: "Verify your email",
        lambda e: f"We sent a link to {e.email}. Open it to confirm your address.",
        mail="verify_email",
        extra=lambda e: {"link": frontend_link("/verify-email", token=e.token), "expires_at": e.expires_at},
    ),
    N(
        EmailVerified, owner, "email_verified",
        lambda e: "Email verified",
        lambda e: f"{e.email} is confirmed. Welcome to Bazaar!",
        mail="welcome",
    ),
    N(
        OtpRequested, owner, "one_time_code",
        lambda e: "Your sign-in code was sent",
        lambda e: f"We emailed a code to {e.email} to confirm a sign-in from a new device. "
        "If it was not you, change your password.",
        mail="one_time_code",
        extra=lambda e: {"code": e.code, "expires_in_minutes": e.expires_in_minutes},
    ),
    N(
        PasswordResetRequested, owner, "forgot_password",
        lambda e: "Password reset requested",
        lambda e: f"We emailed a link to reset your password to {e.email}. If you did not ask for it, ignore it.",
        mail="forgot_password",
        extra=lambda e: {"link": frontend_link("/reset-password", token=e.token), "expires_at": e.expires_at},
    ),
    N(
        PasswordResetCompleted, owner, "password_reset_done",
        lambda e: "Your password was reset",
        lambda e: "Every session was signed out. If you did not reset it, reset it again right away.",
        mail="password_reset_done",
    ),
    N(
        PasswordChanged, owner, "password_changed",
        lambda e: "Your password was changed",
        lambda e: "Your other sessions were signed out. If you did not change it, reset your password right away.",
        mail="password_changed",
        extra=lambda e: {"link": frontend_link("/forgot-password"), "changed_at": e.changed_at},
    ),
    N(
        EmailChangeRequested, owner, "confirm_email_change",
        lambda e: "Confirm your new email",
        lambda e: f"We sent a link to {e.email}. Your address changes when you open it.",
        mail="confirm_email_change",
        extra=lambda e: {
            "link": frontend_link("/confirm-email", token=e.token),
            "expires_at": e.expires_at,
            "current_email": e.current_email,
        },
    ),
    N(
        EmailChanged, owner, "email_changed",
        lambda e: "Your email address was changed",
        lambda e: f"We now write to {e.email}. If you did not change it, tell us right away.",
        mail="email_changed",
        extra=lambda e: {"new_email": e.email, "changed_at": e.changed_at},
        # The previous address hears of it: its owner may not be the one who changed it.
        address=lambda e: e.previous_email,
    ),
    N(
        UserDeleted, owner, "account_deleted",
        lambda e: "Your account was deleted",
        lambda e: "Your account and what Bazaar kept of you are gone.",
        mail="account_deleted",
        extra=lambda e: {"deleted_at": e.deleted_at},
    ),
    # chat: offers, to the party who must answer or hear of it
    N(
        OfferSent, buyer, "offer_sent",
        lambda e: f"New offer from {e.seller_username}",
        lambda e: f"{e.seller_username} sent you an offer for {e.gig_title}: {wording.terms(e)}.",
        mail="offer_sent",
    ),
    N(
        OfferAccepted, seller, "offer_accepted",
        lambda e: f"{e.buyer_username} accepted your offer",
        lambda e: f"{e.buyer_username} accepted your offer for {e.gig_title} ({wording.terms(e)}). "
        "They can now place the order.",
        mail="offer_accepted",
    ),
    N(
        OfferCancelled, parties_but_who_cancelled, "offer_cancelled",
        lambda e: "Offer cancelled",
        wording.offer_cancelled,
        mail="offer_cancelled",
        extra=lambda e: {"cancelled_by": wording.offer_cancelled_by(e)},
    ),
    # orders: to the party who must hear of it, both for a placed, completed or cancelled order
    N(
        OrderPlaced, buyer, "order_placed",
        lambda e: "Order placed",
        lambda e: f"You paid {usd(e.total)} for {e.gig_title}. {e.seller_username} is now working on it.",
        mail="order_placed_buyer",
    ),
    N(
        OrderPlaced, seller, "order_placed",
        lambda e: f"New order from {e.buyer_username}",
        lambda e: f"{e.buyer_username} ordered {e.gig_title} ({usd(e.price)}). The work starts now.",
        mail="order_placed_seller",
    ),
    N(
        OrderDelivered, buyer, "order_delivered",
        lambda e: f"{e.seller_username} delivered your order",
        lambda e: f"{e.seller_username} delivered {e.gig_title}. "
        "Approve the delivery to complete the order, or ask for a revision.",
        mail="order_delivered",
    ),
    N(
        OrderRevisionRequested, seller, "order_revision_requested",
        lambda e: f"{e.buyer_username} asked for a revision",
        lambda e: f"{e.buyer_username} asked for changes to {e.gig_title}. The order is in progress again.",
        mail="order_revision_requested",
    ),
    N(
        OrderExtensionRequested, buyer, "order_extension_requested",
        lambda e: f"{e.seller_username} asked for more time",
        lambda e: f"{e.seller_username} asked for {days(e.extra_days)} more to deliver {e.gig_title}. "
        "Approve or reject the extension.",
        mail="order_extension_requested",
    ),
    N(
        OrderExtensionApproved, seller, "order_extension_approved",
        lambda e: f"{e.buyer_username} approved your extension",
        lambda e: f"You have {days(e.extra_days)} more to deliver {e.gig_title}.",
        mail="order_extension_approved",
    ),
    N(
        OrderExtensionRejected, seller, "order_extension_rejected",
        lambda e: f"{e.buyer_username} rejected your extension",
        lambda e: f"{e.buyer_username} rejected your request for {days(e.extra_days)} more "
        f"for {e.gig_title}: the due date stays.",
        mail="order_extension_rejected",
    ),
    N(
        OrderCompleted, buyer, "order_completed",
        lambda e: "Order complete",
        wording.completed_for_buyer,
        mail="order_completed_buyer",
    ),
    N(
        OrderCompleted, seller, "order_completed",
        lambda e: f"Order complete: {usd(e.seller_earnings)} earned",
        wording.completed_for_seller,
        mail="order_completed_seller",
    ),
    N(
        OrderCancelled, buyer, "order_cancelled",
        lambda e: "Order cancelled",
        wording.cancelled_for_buyer,
        mail="order_cancelled_buyer",
    ),
    N(
        OrderCancelled, seller, "order_cancelled",
        lambda e: "Order cancelled",
        wording.cancelled_for_seller,
        mail="order_cancelled_seller",
    ),
    # orders' resolution: the party who must answer a request, the one who asked of the
    # decline, both parties of a partial refund
    N(
        OrderResolutionRequested, who_must_answer, "order_resolution_requested",
        lambda e: f"{wording.party_name(e, e.requested_by_id)} asks you to {wording.request(e)}",
        wording.resolution_requested,
        mail="order_resolution_requested",
        extra=lambda e: {"requested_by": wording.party_name(e, e.requested_by_id), "request": wording.request(e)},
    ),
    N(
        OrderResolutionDeclined, who_asked, "order_resolution_declined",
        lambda e: f"{wording.other_party_name(e, e.requested_by_id)} declined your request",
        wording.resolution_declined,
        mail="order_resolution_declined",
        extra=lambda e: {"declined_by": wording.other_party_name(e, e.requested_by_id), "request": wording.request(e)},
    ),
    N(
        OrderPartiallyRefunded, buyer, "order_partially_refunded",
        lambda e: f"Partial refund: {usd(e.amount)}",
        wording.partially_refunded_for_buyer,
        mail="order_partially_refunded_buyer",
        extra=lambda e: {"amount_usd": usd(e.amount), "requested_by": wording.party_name(e, e.requested_by_id)},
    ),
    N(
        OrderPartiallyRefunded, seller, "order_partially_refunded",
        lambda e: f"Partial refund of {usd(e.amount)} to {e.buyer_username}",
        wording.partially_refunded_for_seller,
        mail="order_partially_refunded_seller",
        extra=lambda e: {"amount_usd": usd(e.amount), "requested_by": wording.party_name(e, e.requested_by_id)},
    ),
    # orders' payouts: to the seller whose withdrawal ended
    N(
        PayoutWithdrawn, seller, "payout_withdrawn",
        lambda e: f"{usd(e.amount)} is on its way to you",
        lambda e: f"Your withdrawal of {usd(e.amount)} was transferred to your payout account. "
        f"{usd(e.available)} is still available.",
        mail="payout_withdrawn",
        extra=lambda e: {"amount_usd": usd(e.amount)},
    ),
    N(
        PayoutFailed, seller, "payout_failed",
        lambda e: f"Your withdrawal of {usd(e.amount)} failed",
        lambda e: f"The payment provider refused the transfer of {usd(e.amount)}: {e.reason} "
        f"The money is available again ({usd(e.available)}).",
        mail="payout_failed",
        extra=lambda e: {"amount_usd": usd(e.amount)},
    ),
    # reviews: to the party who was reviewed
    N(
        ReviewCreated, reviewee, "review_received",
        lambda e: f"{e.reviewer_username} reviewed you",
        wording.review_received,
        mail="review_received",
    ),
    # reviews: to the buyer whose review the seller answered
    N(
        ReviewReplied, reviewer, "review_replied",
        lambda e: f"{e.seller_username} replied to your review",
        lambda e: f"{e.seller_username} answered your review in public. See it on the order.",
        mail="review_replied",
    ),
)  # fmt: skip

# Events that say something about an account's address: the directory learns it first.
DIRECTORY: dict[type[Event], Callable[..., object]] = {
    # Only the directory: the verification request that comes with it notifies the user.
    UserRegistered: services.remember_recipient,
    EmailVerified: services.mark_email_verified,
    # A changed address was confirmed from a link sent to it: verified too.
    EmailChanged: services.mark_email_verified,
}
# Events whose telling depends on more than the event (is the recipient online, was it
# read since): a use-case of their own, after the rows (they have none).
OWN_USE_CASES: dict[type[Event], Callable[[Any, Envelope], None]] = {
    MessageSent: lambda event, envelope: digests.tell_of_message(event, event_id=envelope.id),
    ConversationRead: lambda event, envelope: digests.note_read(event),
    # After its row wrote the goodbye email: everything else of the account goes.
    UserDeleted: lambda event, envelope: services.erase_recipient(
        user_id=event.user_id, email=event.email, event_id=envelope.id
    ),
}
# The page a notice links to, by the producer and entity of its event, else by its producer
# alone (auth's link to none). A seller's payouts are on their dashboard.
PAGES: dict[str, Callable[[Any], str]] = {
    "chat": lambda e: f"/inbox/{e.conversation_id}",
    "orders": lambda e: f"/orders/{e.order_id}",
    "orders.payout": lambda e: "/dashboard",
    "reviews": lambda e: f"/orders/{e.order_id}",
}


def notify(event: Event, envelope: Envelope) -> None:
    """The one handler: the directory first, then every row of the event's type, in table order, then its own use-case."""
    remember = DIRECTORY.get(type(event))
    if remember is not None:
        # Every event type of DIRECTORY carries the account's id, username and email.
        remember(user_id=event.user_id, username=event.username, email=event.email)  # type: ignore[attr-defined]
    for row in NOTIFICATIONS:
        if row.event is type(event):
            for user_id in row.to(event):
                notice, mail = message(row, event, user_id)
                email = services.notify(notice, mail=mail, event_id=envelope.id)
                if email is not None:
                    send_after_commit(email.pk)
    use_case = OWN_USE_CASES.get(type(event))
    if use_case is not None:
        use_case(event, envelope)


def message(row: Notification, event: Any, user_id: int) -> tuple[Notice, Mail]:
    """``user_id``'s in-app notice and email of ``row``."""
    producer, entity = event.type.split(".")[:2]
    page = PAGES.get(f"{producer}.{entity}", PAGES.get(producer))
    if page is None:
        notice = Notice(user_id=user_id, kind=row.kind, title=row.title(event), body=row.body(event))
        return notice, Mail(row.mail, dict(row.extra(event)), to=Addressee(row.address(event), event.username))
    link = page(event)
    notice = Notice(user_id=user_id, kind=row.kind, title=row.title(event), body=row.body(event), link=link)
    return notice, Mail(row.mail, {**event.model_dump(), "link": frontend_link(link), **row.extra(event)})


def handler_name(event_class: type[Event]) -> str:
    """``OrderPlaced`` → ``on_order_placed``: the inbox key of the handler of that event."""
    return "on_" + re.sub(r"(?<!^)(?=[A-Z])", "_", event_class.__name__).lower()


def _register(event_class: type[Event]) -> HandlerFunction:
    def handler(event: Any, envelope: Envelope) -> None:
        notify(event, envelope)

    handler.__name__ = handler.__qualname__ = handler_name(event_class)
    return handles(event_class)(handler)


HANDLED: tuple[type[Event], ...] = tuple(
    dict.fromkeys([*DIRECTORY, *(row.event for row in NOTIFICATIONS), *OWN_USE_CASES])
)
globals().update({handler_name(event_class): _register(event_class) for event_class in HANDLED})
