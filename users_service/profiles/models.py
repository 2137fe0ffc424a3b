"""Buyer profiles: the users service's copy of each account, built from the auth service's events.

The users service owns no account: ``user_id`` is the auth service's id, and the fields
that come from events (everything but ``updated_at``) change only when an event says so.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower


class BuyerProfile(models.Model):
    """The buyer side of an account; one per ``user_id``, created by ``auth.user.registered``."""

    user_id = models.PositiveBigIntegerField(unique=True)
    # As long as the event allows (auth's own limit is shorter): a valid event always fits.
    username = models.CharField(max_length=150, unique=True)
    email = models.EmailField(max_length=254)
    email_verified = models.BooleanField(default=False)
    country = models.CharField(max_length=64, blank=True)
    # Sellers arrive with the sellers issue; until then nobody is one.
    is_seller = models.BooleanField(default=False)
    # When the account was registered (the event's ``occurred_at``), not when this row was written.
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id"]
        constraints = [
            # Public URLs look buyers up regardless of case, as auth reserves usernames.
            models.UniqueConstraint(Lower("username"), name="profiles_buyer_username_ci_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.username} ({self.user_id})"
