"""Write use-cases of the notifications service.

A notification, its ``NotificationCreated`` event and its email row are written in one
transaction: a rolled-back handler leaves no trace and sends nothing. The email itself is
sent later, by :func:`send_outgoing_email`, once that transaction committed.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import formataddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common.api.errors import NotFound
from common.events.catalog.notifications import NotificationCreated
from common.events.outbox import publish
from notifications_service.notifications import emails
from notifications_service.notifications.models import MessageDigest, Notification, OutgoingEmail, Recipient

log = logging.getLogger(__name__)

# The sweep re-queues a pending email whose task has been quiet this long (lost, or retries exhausted).
REQUEUE_AFTER = timedelta(minutes=10)
REQUEUE_BATCH = 200
# Then gives up, as mail servers do (Postfix's maximal_queue_lifetime is 5 days).
GIVE_UP_AFTER = timedelta(days=5)


@dataclass(frozen=True)
class Notice:
    """The in-app part of a notification."""

    user_id: int
    kind: str
    title: str
    body: str
    link: str = ""


@dataclass(frozen=True)
class Addressee:
    email: str
    name: str


@dataclass(frozen=True)
class Mail:
    """An email of a kind of :data:`emails.KINDS`; ``to`` None means the recipient directory's address."""

    kind: str
    context: Mapping[str, Any] = field(default_factory=dict)
    to: Addressee | None = None


class EmailNotSent(Exception):
    """The SMTP server could not be reached or asked to try later; the email stays pending."""


# --- the recipient directory -----------------------------------------------------------


def remember_recipient(*, user_id: int, username: str, email: str) -> Recipient:
    """Record a registered user's name and address, keeping what is already known of them."""
    recipient, _ = Recipient.objects.update_or_create(user_id=user_id, defaults={"username": username, "email": email})
    return recipient


def mark_email_verified(*, user_id: int, username: str, email: str) -> Recipient:
    recipient, _ = Recipient.objects.update_or_create(
        user_id=user_id, defaults={"username": username, "email": email, "email_verified": True}
    )
    return recipient


def erase_recipient(*, user_id: int, email: str, event_id: uuid.UUID) -> None:
    """The account was deleted: its notices, its directory entry, its waiting digests and every email
    to its address go, but those of ``event_id`` (the goodbye, still to be sent)."""
    with transaction.atomic():
        Notification.objects.filter(user_id=user_id).delete()
        Recipient.objects.filter(user_id=user_id).delete()
        MessageDigest.objects.filter(recipient_id=user_id).delete()
        OutgoingEmail.objects.filter(to_address__iexact=email).exclude(source_event_id=event_id).delete()


def set_email_preferences(
    *, user_id: int, non_essential_email: bool | None = None, message_email: bool | None = None
) -> Recipient:
    """Change the choices given (None keeps one); saved even before the user's registration
    event arrived: that event fills in the rest."""
    choices = {"wants_non_essential_email": non_essential_email, "wants_message_email": message_email}
    defaults = {name: value for name, value in choices.items() if value is not None}
    recipient, _ = Recipient.objects.update_or_create(user_id=user_id, defaults=defaults)
    return recipient


# --- notifying -------------------------------------------------------------------------


def notify(notice: Notice, *, mail: Mail | None = None, event_id: uuid.UUID | None = None) -> OutgoingEmail | None:
    """Store an in-app notification, announce it and write its email; the email row, if any.

    No email is written for non-essential mail the user opted out of, nor when no address
    is known; the in-app notification is stored all the same. The caller queues the
    returned email for sending once the transaction commits.
    """
    with transaction.atomic():
        notification = Notification.objects.create(
            user_id=notice.user_id,
            kind=notice.kind,
            title=notice.title,
            body=notice.body,
            link=notice.link,
            source_event_id=event_id,
        )
        publish(
            NotificationCreated(
                notification_id=notification.pk,
                user_id=notification.user_id,
                kind=notification.kind,
                title=notification.title,
                body=notification.body,
                link=notification.link,
                created_at=notification.created_at,
            )
        )
        return write_email(notice.user_id, mail, event_id) if mail else None


def write_email(user_id: int, mail: Mail, event_id: uuid.UUID | None = None) -> OutgoingEmail | None:
    """The email row of ``mail`` to ``user_id``; None when they opted out of its category or have no address."""
    recipient = Recipient.objects.filter(user_id=user_id).first()
    if _opted_out(recipient, mail.kind):
        return None
    to = mail.to or _address_of(recipient)
    if to is None:
        log.warning("no email address known for user %s; %s email not written", user_id, mail.kind)
        return None
    rendered = emails.render_email(mail.kind, name=to.name, context=mail.context)
    return OutgoingEmail.objects.create(
        kind=mail.kind,
        to_address=to.email,
        to_name=to.name,
        subject=rendered.subject,
        text_body=rendered.text,
        html_body=rendered.html,
        category=rendered.category,
        source_event_id=event_id,
    )


def _opted_out(recipient: Recipient | None, kind: str) -> bool:
    if recipient is None:
        return False
    category = emails.KINDS[kind].category
    if category == emails.MESSAGES:
        return not recipient.wants_message_email
    return category == emails.NON_ESSENTIAL and not recipient.wants_non_essential_email


def _address_of(recipient: Recipient | None) -> Addressee | None:
    if recipient is None or not recipient.email:
        return None
    return Addressee(email=recipient.email, name=recipient.username)


# --- reading ---------------------------------------------------------------------------


def mark_read(*, user_id: int, notification_id: int) -> Notification:
    """Mark one of the user's notifications read (once: a second call keeps the first time)."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id, user_id=user_id).first()
        if notification is None:
            raise NotFound("No such notification.")
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        return notification


def mark_all_read(*, user_id: int) -> int:
    """Mark every unread notification of the user read; how many were."""
    return Notification.objects.filter(user_id=user_id, read_at__isnull=True).update(read_at=timezone.now())


# --- sending ---------------------------------------------------------------------------


def send_outgoing_email(*, email_id: int) -> bool:
    """Send one pending email; True when sent now, False when there was nothing to send.

    The row stays locked during the SMTP conversation, so two senders of one email cannot
    both send it: the second finds it sent. Raises :class:`EmailNotSent` after recording a
    failure worth retrying; a refusal of this very message marks it failed for good.
    """
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != OutgoingEmail.Status.PENDING:
            return False
        error = _smtp_send(email)
        _record_attempt(email, error)
    if error is not None and email.status == OutgoingEmail.Status.PENDING:
        raise EmailNotSent(f"email {email_id}: {email.last_error}") from error
    return error is None


def _smtp_send(email: OutgoingEmail) -> Exception | None:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((email.to_name, email.to_address))],
        headers={"Message-ID": _message_id(email), "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(email.html_body, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        return error
    return None


def _message_id(email: OutgoingEmail) -> str:
    # Stable per row: if a crash makes us send a row twice, mail clients see one message.
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "bazaar.local"
    return f"<email-{email.pk}-{int(email.created_at.timestamp())}@{domain}>"


def _record_attempt(email: OutgoingEmail, error: Exception | None) -> None:
    now = timezone.now()
    email.attempts += 1
    email.last_attempt_at = now
    if error is None:
        email.status, email.sent_at = OutgoingEmail.Status.SENT, now
    else:
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if _refused_for_good(error):
            email.status = OutgoingEmail.Status.FAILED
    email.save(update_fields=["attempts", "last_attempt_at", "status", "sent_at", "last_error"])


def _refused_for_good(error: Exception) -> bool:
    """The server refused this message's recipient or content (5xx): sending again cannot help.

    Other errors (connection, timeouts, 4xx, even a refused login) are about the server or
    our configuration, and are retried.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


def requeue_stale_emails() -> list[int]:
    """Pending emails neither queued nor tried for :data:`REQUEUE_AFTER`, oldest first, stamped as queued now.

    An email still between its task's retries (at most 8 minutes apart) is left to them.
    """
    now = timezone.now()
    quiet = Q(queued_at__lte=now - REQUEUE_AFTER) & (
        Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lte=now - REQUEUE_AFTER)
    )
    with transaction.atomic():
        ids = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(quiet, status=OutgoingEmail.Status.PENDING)
            .order_by("queued_at")
            .values_list("pk", flat=True)[:REQUEUE_BATCH]
        )
        OutgoingEmail.objects.filter(pk__in=ids).update(queued_at=now)
    return ids


def give_up_on_old_emails() -> int:
    """Mark failed the emails pending for longer than :data:`GIVE_UP_AFTER`; how many."""
    cutoff = timezone.now() - GIVE_UP_AFTER
    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING, pending_since__lte=cutoff).update(
        status=OutgoingEmail.Status.FAILED
    )


def send_again(*, email_ids: list[int]) -> list[int]:
    """Make failed emails pending again (an operator fixed the cause); the ids to queue."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            OutgoingEmail.objects.select_for_update()
            .filter(pk__in=email_ids, status=OutgoingEmail.Status.FAILED)
            .values_list("pk", flat=True)
        )
        OutgoingEmail.objects.filter(pk__in=ids).update(
            status=OutgoingEmail.Status.PENDING, pending_since=now, queued_at=now
        )
    return ids
