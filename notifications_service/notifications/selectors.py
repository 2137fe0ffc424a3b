"""Read use-cases of the notifications service."""

from __future__ import annotations

from django.db.models import QuerySet

from notifications_service.notifications.models import NON_ESSENTIAL_EMAIL_BY_DEFAULT, Notification, Recipient


def notifications_of(*, user_id: int, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    notifications = Notification.objects.filter(user_id=user_id).order_by("-created_at", "-id")
    return notifications.filter(read_at__isnull=True) if unread_only else notifications


def wants_non_essential_email(*, user_id: int) -> bool:
    """The user's choice; a user we know nothing of yet gets the default."""
    choice = Recipient.objects.filter(user_id=user_id).values_list("wants_non_essential_email", flat=True).first()
    return NON_ESSENTIAL_EMAIL_BY_DEFAULT if choice is None else choice
