"""One row per event to publish."""

from __future__ import annotations

import uuid

from django.db import models


class OutboxMessage(models.Model):
    """An event written with the change that caused it; ``published_at`` set once sent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=100, db_index=True)
    version = models.PositiveSmallIntegerField()
    producer = models.CharField(max_length=50)
    occurred_at = models.DateTimeField()
    data = models.JSONField()
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["occurred_at"]
        indexes = [
            models.Index(
                fields=["occurred_at"], name="outbox_unpublished", condition=models.Q(published_at__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.id}"

    def envelope(self) -> dict[str, object]:
        """The message body sent to the broker (docs/architecture.md, "Events")."""
        return {
            "id": str(self.id),
            "type": self.type,
            "version": self.version,
            "occurred_at": self.occurred_at.isoformat(),
            "producer": self.producer,
            "data": self.data,
        }
