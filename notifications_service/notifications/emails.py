"""Every kind of email the service sends, and how one is rendered.

Adding a kind is one entry in :data:`KINDS` plus a template pair,
``templates/notifications/email/<kind>.txt`` and ``<kind>.html`` (the HTML one extends
``base.html``). Templates get ``name`` (the greeting), ``frontend_url`` and the context the
caller gives; Django escapes every value in the HTML part.
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
    # Only opted-in users get non-essential mail (``Recipient.wants_non_essential_email``).
    "welcome": EmailKind("Welcome to Bazaar", NON_ESSENTIAL),
}


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
    subject = " ".join(spec.subject.format_map(context).split())
    full_context = {**context, "name": name, "subject": subject, "frontend_url": frontend_link("/")}
    full_context["non_essential"] = spec.category == NON_ESSENTIAL
    return RenderedEmail(
        subject=subject,
        text=render_to_string(f"notifications/email/{kind}.txt", full_context).strip() + "\n",
        html=render_to_string(f"notifications/email/{kind}.html", full_context),
        category=spec.category,
    )
