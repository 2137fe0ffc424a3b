"""One row per event a handler applied: the proof that a redelivery must change nothing."""

from __future__ import annotations

from django.db import models


class InboxEntry(models.Model):
    """``handler`` applied event ``event_id`` at ``applied_at``."""

    event_id = models.UUIDField()
    handler = models.CharField(max_length=200)
    event_type = models.CharField(max_length=100)
    applied_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name_plural = "inbox entries"
        constraints = [models.UniqueConstraint(fields=["event_id", "handler"], name="inbox_once_per_handler")]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id} → {self.handler}"
