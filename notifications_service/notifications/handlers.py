"""Handlers of the events the notifications service consumes (``SUBSCRIPTIONS["notifications"]``).

Each runs once per event (the inbox) inside one transaction: the in-app notification, its
``NotificationCreated`` and its email row commit together, and the email is queued for
sending only after that commit. Auth events carry the address to write to; the links
never reach the in-app notification, which must not hold a secret meant for the mailbox.
Other events carry user ids only: their emails go to the recipient directory's address.
Offer and order mail is essential: the opt-out of news does not stop it (``emails.KINDS``).

An in-app notification links to a front-end path (``/inbox/12``), an email to the
absolute URL of the same page.
"""

from __future__ import annotations

from common.events.catalog.auth import (
    EmailVerificationRequested,
    EmailVerified,
    OtpRequested,
    PasswordResetCompleted,
    PasswordResetRequested,
    UserRegistered,
)
from common.events.catalog.chat import OfferAccepted, OfferCancelled, OfferEvent, OfferSent
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
from common.events.envelope import Envelope
from common.events.handlers import handles
from notifications_service.notifications import services
from notifications_service.notifications.emails import frontend_link
from notifications_service.notifications.formatting import days, usd
from notifications_service.notifications.services import Addressee, Mail, Notice
from notifications_service.notifications.tasks import send_after_commit


def _notify(notice: Notice, mail: Mail, envelope: Envelope) -> None:
    email = services.notify(notice, mail=mail, event_id=envelope.id)
    if email is not None:
        send_after_commit(email.pk)


@handles(UserRegistered)
def on_user_registered(event: UserRegistered, envelope: Envelope) -> None:
    # Only the directory: the verification request that comes with it notifies the user.
    services.remember_recipient(user_id=event.user_id, username=event.username, email=event.email)


@handles(EmailVerificationRequested)
def on_email_verification_requested(event: EmailVerificationRequested, envelope: Envelope) -> None:
    notice = Notice(
        user_id=event.user_id,
        kind="verify_email",
        title="Verify your email",
        body=f"We sent a link to {event.email}. Open it to confirm your address.",
    )
    context = {"link": frontend_link("/verify-email", token=event.token), "expires_at": event.expires_at}
    _notify(notice, Mail("verify_email", context, to=Addressee(event.email, event.username)), envelope)


@handles(EmailVerified)
def on_email_verified(event: EmailVerified, envelope: Envelope) -> None:
    services.mark_email_verified(user_id=event.user_id, username=event.username, email=event.email)
    notice = Notice(
        user_id=event.user_id,
        kind="email_verified",
        title="Email verified",
        body=f"{event.email} is confirmed. Welcome to Bazaar!",
    )
    _notify(notice, Mail("welcome", to=Addressee(event.email, event.username)), envelope)


@handles(OtpRequested)
def on_otp_requested(event: OtpRequested, envelope: Envelope) -> None:
    notice = Notice(
        user_id=event.user_id,
        kind="one_time_code",
        title="Your sign-in code was sent",
        body=f"We emailed a code to {event.email} to confirm a sign-in from a new device. "
        "If it was not you, change your password.",
    )
    context = {"code": event.code, "expires_in_minutes": event.expires_in_minutes}
    _notify(notice, Mail("one_time_code", context, to=Addressee(event.email, event.username)), envelope)


@handles(PasswordResetRequested)
def on_password_reset_requested(event: PasswordResetRequested, envelope: Envelope) -> None:
    notice = Notice(
        user_id=event.user_id,
        kind="forgot_password",
        title="Password reset requested",
        body=f"We emailed a link to reset your password to {event.email}. If you did not ask for it, ignore it.",
    )
    context = {"link": frontend_link("/reset-password", token=event.token), "expires_at": event.expires_at}
    _notify(notice, Mail("forgot_password", context, to=Addressee(event.email, event.username)), envelope)


@handles(PasswordResetCompleted)
def on_password_reset_completed(event: PasswordResetCompleted, envelope: Envelope) -> None:
    notice = Notice(
        user_id=event.user_id,
        kind="password_reset_done",
        title="Your password was reset",
        body="Every session was signed out. If you did not reset it, reset it again right away.",
    )
    _notify(notice, Mail("password_reset_done", to=Addressee(event.email, event.username)), envelope)


# --- offers in chat --------------------------------------------------------------------


def _conversation_page(event: OfferEvent) -> str:
    return f"/inbox/{event.conversation_id}"


def _offer_mail(kind: str, event: OfferEvent, **extra: str) -> Mail:
    context = {**event.model_dump(), "link": frontend_link(_conversation_page(event)), **extra}
    return Mail(kind, context)


def _terms(event: OfferEvent) -> str:
    return f"{usd(event.price)}, delivery in {days(event.delivery_days)}"


@handles(OfferSent)
def on_offer_sent(event: OfferSent, envelope: Envelope) -> None:
    notice = Notice(
        user_id=event.buyer_id,
        kind="offer_sent",
        title=f"New offer from {event.seller_username}",
        body=f"{event.seller_username} sent you an offer for {event.gig_title}: {_terms(event)}.",
        link=_conversation_page(event),
    )
    _notify(notice, _offer_mail("offer_sent", event), envelope)


@handles(OfferAccepted)
def on_offer_accepted(event: OfferAccepted, envelope: Envelope) -> None:
    notice = Notice(
        user_id=event.seller_id,
        kind="offer_accepted",
        title=f"{event.buyer_username} accepted your offer",
        body=f"{event.buyer_username} accepted your offer for {event.gig_title} ({_terms(event)}). "
        "They can now place the order.",
        link=_conversation_page(event),
    )
    _notify(notice, _offer_mail("offer_accepted", event), envelope)


@handles(OfferCancelled)
def on_offer_cancelled(event: OfferCancelled, envelope: Envelope) -> None:
    # Parties cancel offers; should anyone else ever cancel one (staff), both parties hear of it.
    parties = {event.buyer_id: event.buyer_username, event.seller_id: event.seller_username}
    cancelled_by = parties.get(event.cancelled_by_id, "")
    offer = f"offer for {event.gig_title} ({_terms(event)})"
    body = f"{cancelled_by} cancelled the {offer}." if cancelled_by else f"The {offer} was cancelled."
    for user_id in [party for party in parties if party != event.cancelled_by_id]:
        notice = Notice(
            user_id=user_id, kind="offer_cancelled", title="Offer cancelled", body=body, link=_conversation_page(event)
        )
        _notify(notice, _offer_mail("offer_cancelled", event, cancelled_by=cancelled_by), envelope)


# --- orders ----------------------------------------------------------------------------
# Each event tells the party who must hear of it (both, for a placed, completed or
# cancelled order), with one in-app kind per event. The bodies give
# no date: an in-app text cannot know the reader's time zone, the order page and the
# email (in UTC) do. Nor the free text (messages, reasons): the email quotes it.


def _order_page(event: OrderEvent) -> str:
    return f"/orders/{event.order_id}"


def _tell(user_id: int, event: OrderEvent, envelope: Envelope, *, title: str, body: str, mail: str) -> None:
    """Notify ``user_id`` of ``event`` in the app, and by the email of kind ``mail``."""
    kind = event.type.removeprefix("orders.").replace(".", "_")  # orders.order.placed → order_placed
    notice = Notice(user_id=user_id, kind=kind, title=title, body=body, link=_order_page(event))
    context = {**event.model_dump(), "link": frontend_link(_order_page(event))}
    _notify(notice, Mail(mail, context), envelope)


@handles(OrderPlaced)
def on_order_placed(event: OrderPlaced, envelope: Envelope) -> None:
    _tell(
        event.buyer_id,
        event,
        envelope,
        title="Order placed",
        body=f"You paid {usd(event.total)} for {event.gig_title}. {event.seller_username} is now working on it.",
        mail="order_placed_buyer",
    )
    _tell(
        event.seller_id,
        event,
        envelope,
        title=f"New order from {event.buyer_username}",
        body=f"{event.buyer_username} ordered {event.gig_title} ({usd(event.price)}). The work starts now.",
        mail="order_placed_seller",
    )


@handles(OrderDelivered)
def on_order_delivered(event: OrderDelivered, envelope: Envelope) -> None:
    _tell(
        event.buyer_id,
        event,
        envelope,
        title=f"{event.seller_username} delivered your order",
        body=f"{event.seller_username} delivered {event.gig_title}. "
        "Approve the delivery to complete the order, or ask for a revision.",
        mail="order_delivered",
    )


@handles(OrderRevisionRequested)
def on_order_revision_requested(event: OrderRevisionRequested, envelope: Envelope) -> None:
    _tell(
        event.seller_id,
        event,
        envelope,
        title=f"{event.buyer_username} asked for a revision",
        body=f"{event.buyer_username} asked for changes to {event.gig_title}. The order is in progress again.",
        mail="order_revision_requested",
    )


@handles(OrderExtensionRequested)
def on_order_extension_requested(event: OrderExtensionRequested, envelope: Envelope) -> None:
    _tell(
        event.buyer_id,
        event,
        envelope,
        title=f"{event.seller_username} asked for more time",
        body=f"{event.seller_username} asked for {days(event.extra_days)} more to deliver {event.gig_title}. "
        "Approve or reject the extension.",
        mail="order_extension_requested",
    )


@handles(OrderExtensionApproved)
def on_order_extension_approved(event: OrderExtensionApproved, envelope: Envelope) -> None:
    _tell(
        event.seller_id,
        event,
        envelope,
        title=f"{event.buyer_username} approved your extension",
        body=f"You have {days(event.extra_days)} more to deliver {event.gig_title}.",
        mail="order_extension_approved",
    )


@handles(OrderExtensionRejected)
def on_order_extension_rejected(event: OrderExtensionRejected, envelope: Envelope) -> None:
    _tell(
        event.seller_id,
        event,
        envelope,
        title=f"{event.buyer_username} rejected your extension",
        body=f"{event.buyer_username} rejected your request for {days(event.extra_days)} more "
        f"for {event.gig_title}: the due date stays.",
        mail="order_extension_rejected",
    )


@handles(OrderCompleted)
def on_order_completed(event: OrderCompleted, envelope: Envelope) -> None:
    if event.auto_completed:
        buyer_news = f"The time to review the delivery ran out, so your order for {event.gig_title} was approved."
        seller_news = f"{event.buyer_username} did not review your delivery for {event.gig_title} in time, "
        seller_news += "so it was approved automatically."
    else:
        buyer_news = f"Your order for {event.gig_title} is complete."
        seller_news = f"{event.buyer_username} approved your delivery for {event.gig_title}."
    _tell(
        event.buyer_id,
        event,
        envelope,
        title="Order complete",
        body=f"{buyer_news} Leave a review of {event.seller_username}'s work.",
        mail="order_completed_buyer",
    )
    _tell(
        event.seller_id,
        event,
        envelope,
        title=f"Order complete: {usd(event.seller_earnings)} earned",
        body=f"{seller_news} {usd(event.seller_earnings)} was credited to your earnings.",
        mail="order_completed_seller",
    )


@handles(OrderCancelled)
def on_order_cancelled(event: OrderCancelled, envelope: Envelope) -> None:
    # Both parties hear of it, the one who cancelled too: the buyer's is the refund's receipt.
    _tell(
        event.buyer_id,
        event,
        envelope,
        title="Order cancelled",
        body=f"{_who_cancelled(event, event.buyer_id, 'your order')} {_refund(event)}",
        mail="order_cancelled_buyer",
    )
    _tell(
        event.seller_id,
        event,
        envelope,
        title="Order cancelled",
        body=f"{_who_cancelled(event, event.seller_id, 'the order')} Nothing is credited to your earnings for it.",
        mail="order_cancelled_seller",
    )


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
