"""Handlers of the events the notifications service consumes (``SUBSCRIPTIONS["notifications"]``).

Each runs once per event (the inbox) inside one transaction: every in-app notification,
its ``NotificationCreated`` and its email row commit together, and the emails are queued
for sending only after that commit. What each event tells whom is worded in
``messages/``; a handler only binds the event to it. The function names are the handlers'
inbox keys: keep them.

Offer and order mail is essential: the opt-out of news does not stop it (``emails.KINDS``).
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
from common.events.catalog.chat import OfferAccepted, OfferCancelled, OfferSent
from common.events.catalog.orders import (
    OrderCancelled,
    OrderCompleted,
    OrderDelivered,
    OrderExtensionApproved,
    OrderExtensionRejected,
    OrderExtensionRequested,
    OrderPlaced,
    OrderRevisionRequested,
)
from common.events.envelope import Envelope
from common.events.handlers import handles
from notifications_service.notifications import services
from notifications_service.notifications.messages import Message, accounts, offers, orders
from notifications_service.notifications.tasks import send_after_commit


def _send(messages: Message | list[Message], envelope: Envelope) -> None:
    """Store each message's notice and email; send the emails once the transaction commits."""
    for message in messages if isinstance(messages, list) else [messages]:
        email = services.notify(message.notice, mail=message.mail, event_id=envelope.id)
        if email is not None:
            send_after_commit(email.pk)


@handles(UserRegistered)
def on_user_registered(event: UserRegistered, envelope: Envelope) -> None:
    # Only the directory: the verification request that comes with it notifies the user.
    services.remember_recipient(user_id=event.user_id, username=event.username, email=event.email)


@handles(EmailVerificationRequested)
def on_email_verification_requested(event: EmailVerificationRequested, envelope: Envelope) -> None:
    _send(accounts.verification_requested(event), envelope)


@handles(EmailVerified)
def on_email_verified(event: EmailVerified, envelope: Envelope) -> None:
    services.mark_email_verified(user_id=event.user_id, username=event.username, email=event.email)
    _send(accounts.email_verified(event), envelope)


@handles(OtpRequested)
def on_otp_requested(event: OtpRequested, envelope: Envelope) -> None:
    _send(accounts.one_time_code(event), envelope)


@handles(PasswordResetRequested)
def on_password_reset_requested(event: PasswordResetRequested, envelope: Envelope) -> None:
    _send(accounts.password_reset_requested(event), envelope)


@handles(PasswordResetCompleted)
def on_password_reset_completed(event: PasswordResetCompleted, envelope: Envelope) -> None:
    _send(accounts.password_reset_completed(event), envelope)


@handles(OfferSent)
def on_offer_sent(event: OfferSent, envelope: Envelope) -> None:
    _send(offers.sent(event), envelope)


@handles(OfferAccepted)
def on_offer_accepted(event: OfferAccepted, envelope: Envelope) -> None:
    _send(offers.accepted(event), envelope)


@handles(OfferCancelled)
def on_offer_cancelled(event: OfferCancelled, envelope: Envelope) -> None:
    _send(offers.cancelled(event), envelope)


@handles(OrderPlaced)
def on_order_placed(event: OrderPlaced, envelope: Envelope) -> None:
    _send(orders.placed(event), envelope)


@handles(OrderDelivered)
def on_order_delivered(event: OrderDelivered, envelope: Envelope) -> None:
    _send(orders.delivered(event), envelope)


@handles(OrderRevisionRequested)
def on_order_revision_requested(event: OrderRevisionRequested, envelope: Envelope) -> None:
    _send(orders.revision_requested(event), envelope)


@handles(OrderExtensionRequested)
def on_order_extension_requested(event: OrderExtensionRequested, envelope: Envelope) -> None:
    _send(orders.extension_requested(event), envelope)


@handles(OrderExtensionApproved)
def on_order_extension_approved(event: OrderExtensionApproved, envelope: Envelope) -> None:
    _send(orders.extension_approved(event), envelope)


@handles(OrderExtensionRejected)
def on_order_extension_rejected(event: OrderExtensionRejected, envelope: Envelope) -> None:
    _send(orders.extension_rejected(event), envelope)


@handles(OrderCompleted)
def on_order_completed(event: OrderCompleted, envelope: Envelope) -> None:
    _send(orders.completed(event), envelope)


@handles(OrderCancelled)
def on_order_cancelled(event: OrderCancelled, envelope: Envelope) -> None:
    _send(orders.cancelled(event), envelope)
