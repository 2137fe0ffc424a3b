"""Events the users service publishes.

A seller event carries the whole public summary of the seller, so a consumer keeps a
replica by overwriting (the gigs service shows it on every gig without calling users).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from common.events.base import Event
from common.events.catalog.money import Username


class SellerProfileEvent(Event):
    """The public summary of a seller, as of ``changed_at``."""

    user_id: int
    username: Username
    full_name: str = Field(max_length=200)
    one_liner: str = Field(max_length=200)
    country: str = Field(max_length=64)
    changed_at: datetime


class SellerCreated(SellerProfileEvent):
    """A user became a seller (consumers: auth marks the account a seller, gigs keeps the summary)."""

    type = "users.seller.created"


class SellerUpdated(SellerProfileEvent):
    """A seller edited the public part of the profile (consumer: gigs refreshes the summary)."""

    type = "users.seller.updated"
