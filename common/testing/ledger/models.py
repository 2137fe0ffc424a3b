from django.db import models


class LedgerEntry(models.Model):
    """One row per registration the test handler applied (a duplicate would be a second row)."""

    event_id = models.UUIDField()
    username = models.CharField(max_length=150)
