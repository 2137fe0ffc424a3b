"""Chat messages to someone away: told in the app at once, and by one email per quiet conversation.

"Away" is having no live connection at the gateway (``common.presence``), checked when the
message event is handled; someone online sees the message arrive and is told nothing more.
The in-app notice is one per conversation while it is unread (ten messages in a row are one
notice, not ten). The email waits until the conversation was quiet for
``MESSAGE_EMAIL_DELAY_SECONDS``: every message pushes it back, and a read before then
(``chat.conversation.read``) cancels it. It quotes only the latest message, cut short,
as the market leaders' message emails do: the conversation itself stays in the app.

Each step runs once in effect: the handlers under the inbox, the sending under a row lock
that moves a digest out of ``waiting`` in the transaction that writes its email.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from common import presence
from common.events.catalog.chat import ConversationRead, MessageSent
from notifications_service.notifications import services
from notifications_service.notifications.emails import frontend_link
from notifications_service.notifications.models import ConversationReadMark, MessageDigest, Notification
from notifications_service.notifications.services import Mail, Notice

NOTICE_KIND = "new_message"
PREVIEW_LENGTH = 100
DUE_BATCH = 200


def conversation_page(conversation_id: int) -> str:
    return f"/inbox/{conversation_id}"


def preview(event: MessageSent) -> str:
    """The message in one line of at most :data:`PREVIEW_LENGTH` characters; what it carries when it has no text."""
    text = " ".join(event.body.split())
    if not text:
        return "(an offer)" if event.offer is not None else "(an attachment)"
    return text if len(text) <= PREVIEW_LENGTH else text[: PREVIEW_LENGTH - 1].rstrip() + "…"


def tell_of_message(event: MessageSent, *, event_id: uuid.UUID) -> None:
    """The in-app notice (unless one of this conversation is unread) and the digest, if the recipient is away."""
    if presence.is_online(event.recipient_id):
        return
    page = conversation_page(event.conversation_id)
    with transaction.atomic():
        unread = Notification.objects.filter(
            user_id=event.recipient_id, kind=NOTICE_KIND, link=page, read_at__isnull=True
        )
        if not unread.exists():
            notice = Notice(
                user_id=event.recipient_id,
                kind=NOTICE_KIND,
                title=f"New message from {event.sender_username}",
                body=f"{event.sender_username} sent you a message. Reply in the conversation.",
                link=page,
            )
            services.notify(notice, event_id=event_id)
        _add_to_digest(event)


def _add_to_digest(event: MessageSent) -> None:
    due_at = timezone.now() + timedelta(seconds=settings.MESSAGE_EMAIL_DELAY_SECONDS)
    digest, created = MessageDigest.objects.select_for_update().get_or_create(
        recipient_id=event.recipient_id,
        conversation_id=event.conversation_id,
        status=MessageDigest.Status.WAITING,
        defaults={"sender_username": event.sender_username, "last_message_id": event.message_id, "due_at": due_at},
    )
    digest.messages += 1
    digest.due_at = due_at
    # Events are not ordered: the latest message is the one with the highest id.
    if created or event.message_id >= digest.last_message_id:
        digest.last_message_id = event.message_id
        digest.sender_username = event.sender_username
        digest.preview = preview(event)
    digest.save()


def note_read(event: ConversationRead) -> None:
    """Remember how far the reader read (never backwards) and mark their notices of it read."""
    mark, created = ConversationReadMark.objects.get_or_create(
        user_id=event.reader_id,
        conversation_id=event.conversation_id,
        defaults={"last_read_message_id": event.last_read_message_id},
    )
    if not created:
        ConversationReadMark.objects.filter(pk=mark.pk).update(
            last_read_message_id=Greatest(F("last_read_message_id"), event.last_read_message_id)
        )
    Notification.objects.filter(
        user_id=event.reader_id,
        kind=NOTICE_KIND,
        link=conversation_page(event.conversation_id),
        read_at__isnull=True,
    ).update(read_at=event.read_at)


def send_due_digests() -> list[int]:
    """Close every digest quiet for long enough: an email for each still unread; the emails' ids to send."""
    email_ids: list[int] = []
    with transaction.atomic():
        due = (
            MessageDigest.objects.select_for_update(skip_locked=True)
            .filter(status=MessageDigest.Status.WAITING, due_at__lte=timezone.now())
            .order_by("due_at")[:DUE_BATCH]
        )
        for digest in due:
            email_id = _close(digest)
            if email_id is not None:
                email_ids.append(email_id)
    return email_ids


def _close(digest: MessageDigest) -> int | None:
    read_up_to = (
        ConversationReadMark.objects.filter(user_id=digest.recipient_id, conversation_id=digest.conversation_id)
        .values_list("last_read_message_id", flat=True)
        .first()
    )
    if read_up_to is not None and read_up_to >= digest.last_message_id:
        digest.status = MessageDigest.Status.READ
    else:
        # None when the recipient turned these emails off (even after the messages came) or has no address.
        digest.email = services.write_email(digest.recipient_id, _mail(digest))
        digest.status = MessageDigest.Status.SENT if digest.email else MessageDigest.Status.NO_EMAIL
    digest.save(update_fields=["status", "email"])
    return digest.email.pk if digest.email is not None else None


def _mail(digest: MessageDigest) -> Mail:
    count_text = "a message" if digest.messages == 1 else f"{digest.messages} messages"
    context = {
        "sender_username": digest.sender_username,
        "messages": digest.messages,
        "count_text": count_text,
        "preview": digest.preview,
        "link": frontend_link(conversation_page(digest.conversation_id)),
        "preferences_link": frontend_link("/settings/notifications"),
    }
    return Mail("unread_messages", context)
