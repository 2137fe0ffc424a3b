"""Events the gigs service publishes.

``created`` and ``updated`` carry the gig's whole state (not a diff): a consumer keeps a
replica by overwriting, and an event delivered late never leaves a half-updated copy
(compare ``changed_at``).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from common.events.base import Event
from common.events.catalog.money import Money, Username


class GigState(Event):
    """The state of a gig as of ``changed_at``."""

    gig_id: int
    seller_id: int
    seller_username: Username
    title: str = Field(max_length=120)
    category: str = Field(max_length=80)
    price: Money
    expected_delivery_days: int = Field(ge=1, le=365)
    active: bool
    cover_image_url: str = Field(max_length=500)
    changed_at: datetime


class GigCreated(GigState):
    """A seller created a gig (consumers: users counts the seller's gigs)."""

    type = "gigs.gig.created"


class GigUpdated(GigState):
    """A gig was edited, paused or resumed (consumers keep their copy in step)."""

    type = "gigs.gig.updated"


class GigDeleted(Event):
    """A gig was deleted by its seller (consumers: users counts the seller's gigs)."""

    type = "gigs.gig.deleted"

    gig_id: int
    seller_id: int
    deleted_at: datetime
