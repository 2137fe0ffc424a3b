"""Every kind of email the service sends, and how one is rendered.

Adding a kind is one entry in :data:`KINDS` plus a template pair,
``templates/notifications/email/<kind>.txt`` and ``<kind>.html`` (the HTML one extends
``base.html``). Templates get ``name`` (the greeting), ``frontend_url`` and the context the
caller gives; Django escapes every value in the HTML part. ``{% load bazaar_email %}``
gives the ``usd`` (``$49.99``) and ``days`` (``3 days``) filters.

Offer and order emails take the fields of the event they announce (``event.model_dump()``)
plus ``link``, the front-end page of the conversation or order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string

from notifications_service.notifications.models import OutgoingEmail

ESSENTIAL = OutgoingEmail.Category.ESSENTIAL
NON_ESSENTIAL = OutgoingEmail.Category.NON_ESSENTIAL
MESSAGES = OutgoingEmail.Category.MESSAGES


@dataclass(frozen=True)
class EmailKind:
    """``subject`` may name context values (``"Order {order_id} was delivered"``)."""

    subject: str
    category: str


KINDS: dict[str, EmailKind] = {
    "verify_email": EmailKind("Verify your email address", ESSENTIAL),
    "one_time_code": EmailKind("Your Bazaar sign-in code", ESSENTIAL),
    "forgot_password": EmailKind("Reset your Bazaar password", ESSENTIAL),
    "password_reset_done": EmailKind("Your Bazaar password was reset", ESSENTIAL),
    "password_changed": EmailKind("Your Bazaar password was changed", ESSENTIAL),
    "confirm_email_change": EmailKind("Confirm your new Bazaar email address", ESSENTIAL),
    "email_changed": EmailKind("Your Bazaar email address was changed", ESSENTIAL),
    "account_deleted": EmailKind("Your Bazaar account was deleted", ESSENTIAL),
    # Only opted-in users get non-essential mail (``Recipient.wants_non_essential_email``).
    "welcome": EmailKind("Welcome to Bazaar", NON_ESSENTIAL),
    # Offers and orders are essential: each is about a deal the recipient is a party to and
    # may have to act on (answer an offer, deliver by a date) or keep (a receipt, a refund).
    # The opt-out is for news from Bazaar, not for what the other party did in a deal.
    "offer_sent": EmailKind("{seller_username} sent you an offer for {gig_title}", ESSENTIAL),
    "offer_accepted": EmailKind("{buyer_username} accepted your offer for {gig_title}", ESSENTIAL),
    "offer_cancelled": EmailKind("The offer for {gig_title} was cancelled", ESSENTIAL),
    # Orders (``common/events/catalog/orders.py``): the context is the event's fields plus
    # ``link`` to ``/orders/<order_id>``; which event sends which, to whom, is the table of
    # ``handlers.py``.
    "order_placed_buyer": EmailKind("Your receipt for {gig_title}", ESSENTIAL),
    "order_placed_seller": EmailKind("New order from {buyer_username}: {gig_title}", ESSENTIAL),
    "order_delivered": EmailKind("{seller_username} delivered your order for {gig_title}", ESSENTIAL),
    "order_revision_requested": EmailKind("{buyer_username} asked for a revision of {gig_title}", ESSENTIAL),
    "order_extension_requested": EmailKind("{seller_username} asked for more time for {gig_title}", ESSENTIAL),
    "order_extension_approved": EmailKind("{buyer_username} approved your extension for {gig_title}", ESSENTIAL),
    "order_extension_rejected": EmailKind("{buyer_username} rejected your extension for {gig_title}", ESSENTIAL),
    "order_completed_buyer": EmailKind("Your order for {gig_title} is complete", ESSENTIAL),
    "order_completed_seller": EmailKind("Order for {gig_title} completed: earnings credited", ESSENTIAL),
    "order_cancelled_buyer": EmailKind("Your order for {gig_title} was cancelled", ESSENTIAL),
    "order_cancelled_seller": EmailKind("The order for {gig_title} was cancelled", ESSENTIAL),
    "order_resolution_requested": EmailKind("{requested_by} asks you to {request} for {gig_title}", ESSENTIAL),
    "order_resolution_declined": EmailKind("{declined_by} declined your request for {gig_title}", ESSENTIAL),
    "order_partially_refunded_buyer": EmailKind("{amount_usd} of your order for {gig_title} is refunded", ESSENTIAL),
    "order_partially_refunded_seller": EmailKind("{amount_usd} of the order for {gig_title} is refunded", ESSENTIAL),
    # A seller's own money leaving for their account, or coming back: essential.
    "payout_withdrawn": EmailKind("{amount_usd} is on its way to your payout account", ESSENTIAL),
    "payout_failed": EmailKind("Your withdrawal of {amount_usd} failed", ESSENTIAL),
    # A review is what the other party of a deal said of the recipient, in public: essential.
    "review_received": EmailKind("{reviewer_username} left you a {rating}-star review", ESSENTIAL),
    # The seller's public answer to what the buyer wrote of them: essential for the same reason.
    "review_replied": EmailKind("{seller_username} replied to your review", ESSENTIAL),
    # One per conversation left unread while away (``digests.py``); its own opt-out.
    "unread_messages": EmailKind("{sender_username} sent you {count_text} on Bazaar", MESSAGES),
}


# A name and a gig title may together pass the column's length: the subject is cut instead.
# get_field is typed for any field; this one is a CharField, whose max_length is an int.
SUBJECT_MAX_LENGTH: int = OutgoingEmail._meta.get_field("subject").max_length  # type: ignore[assignment]


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str
    category: str


def frontend_link(path: str, **query: str) -> str:
    """An absolute link into the front end: ``frontend_link("/verify-email", token=t)``."""
    url = settings.FRONTEND_URL.rstrip("/") + path
    return f"{url}?{urlencode(query)}" if query else url


def render_email(kind: str, *, name: str, context: Mapping[str, Any]) -> RenderedEmail:
    """The subject, text and HTML of ``kind`` for a recipient called ``name``."""
    spec = KINDS[kind]
    # Whitespace collapsed: a value with a line break must not break the Subject header.
    subject = _fit(" ".join(spec.subject.format_map(context).split()), SUBJECT_MAX_LENGTH)
    full_context = {**context, "name": name, "subject": subject, "frontend_url": frontend_link("/")}
    full_context["non_essential"] = spec.category == NON_ESSENTIAL
    return RenderedEmail(
        subject=subject,
        text=render_to_string(f"notifications/email/{kind}.txt", full_context).strip() + "\n",
        html=render_to_string(f"notifications/email/{kind}.html", full_context),
        category=spec.category,
    )


def _fit(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis showing where."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
