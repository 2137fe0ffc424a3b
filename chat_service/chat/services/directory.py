"""Chat's directory of users, kept from events (idempotent).

Its copy of gigs is kept by the fleet's one kind of replica handler (``common.events.replicas``).
"""

from __future__ import annotations

from django.db import transaction

from chat_service.chat.models import ChatUser
from common.events.catalog.auth import DELETED_USERNAME


def record_user(*, user_id: int, username: str) -> ChatUser:
    """Add the account to the directory; an account already known is left as it is."""
    with transaction.atomic():
        user, _ = ChatUser.objects.get_or_create(user_id=user_id, defaults={"username": username})
        return user


def forget_deleted_user(*, user_id: int) -> None:
    """The account was deleted: its messages stay for the other party, under "Deleted user"; nobody writes to it."""
    ChatUser.objects.update_or_create(user_id=user_id, defaults={"username": DELETED_USERNAME, "deleted": True})
