"""Events the notifications service publishes."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from common.events.base import Event


class NotificationCreated(Event):
    """A user has a new in-app notification (consumer: the gateway pushes it in real time)."""

    type = "notifications.notification.created"

    notification_id: int
    user_id: int
    kind: str = Field(max_length=50)
    title: str = Field(max_length=200)
    body: str = Field(max_length=2000)
    link: str = Field(max_length=500)
    created_at: datetime
