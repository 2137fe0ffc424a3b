"""Read use-cases of the notifications service."""

from __future__ import annotations

from django.db.models import QuerySet

from notifications_service.notifications.models import (
    MESSAGE_EMAIL_BY_DEFAULT,
    NON_ESSENTIAL_EMAIL_BY_DEFAULT,
    Notification,
    Recipient,
)


def notifications_of(*, user_id: int, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    notifications = Notification.objects.filter(user_id=user_id).order_by("-created_at", "-id")
    return notifications.filter(read_at__isnull=True) if unread_only else notifications


def email_preferences(*, user_id: int) -> dict[str, bool]:
    """The user's choices; a user we know nothing of yet gets the defaults."""
    choices = (
        Recipient.objects.filter(user_id=user_id).values("wants_non_essential_email", "wants_message_email").first()
    )
    if choices is None:
        return {"non_essential_email": NON_ESSENTIAL_EMAIL_BY_DEFAULT, "message_email": MESSAGE_EMAIL_BY_DEFAULT}
    return {
        "non_essential_email": choices["wants_non_essential_email"],
        "message_email": choices["wants_message_email"],
    }
