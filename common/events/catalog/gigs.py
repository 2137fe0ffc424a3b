"""Events the gigs service publishes.

``created`` and ``updated`` carry the gig's whole state (not a diff): a consumer keeps a
replica by overwriting, and an event delivered late never leaves a half-updated copy
(compare ``changed_at``).

Version 2 of ``created`` and ``updated`` adds the gig's packages (basic, and standard and
premium when offered): a consumer that prices an order needs each one's price, delivery
days and revisions. Both versions are published side by side until every consumer moved
(ADR 0002); in v1, ``price`` and ``expected_delivery_days`` are the basic package's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


class PackageState(BaseModel):
    """One package of a gig: what the buyer gets for its price; ``revisions`` None is unlimited."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tier: Literal["basic", "standard", "premium"]
    title: str = Field(max_length=80)
    description: str = Field(max_length=500)
    price: Money
    delivery_days: int = Field(ge=1, le=365)
    revisions: int | None = Field(ge=0, le=99)


class GigStateV2(GigState):
    """The state of a gig with its packages, cheapest (basic) first."""

    packages: list[PackageState] = Field(min_length=1, max_length=3)


class GigCreatedV2(GigStateV2):
    """A seller created a gig, with its packages (consumers: chat and orders keep a copy)."""

    type = "gigs.gig.created"
    version = 2


class GigUpdatedV2(GigStateV2):
    """A gig was edited, paused or resumed, with its packages (consumers keep their copy in step)."""

    type = "gigs.gig.updated"
    version = 2


class GigDeleted(Event):
    """A gig was deleted by its seller (consumers: users counts the seller's gigs)."""

    type = "gigs.gig.deleted"

    gig_id: int
    seller_id: int
    deleted_at: datetime
