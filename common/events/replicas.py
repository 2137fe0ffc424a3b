"""Keeping a copy of another service's rows from events that carry their whole state.

Events are not ordered: an ``updated`` may overtake its ``created``, a retried event may
arrive after a newer one, and a row deleted at the source must not come back when a late
``updated`` arrives. A replica model has a ``changed_at`` column (the source's time of the
state it holds) and, when its source can delete, ``deleted`` and ``active`` columns (a
tombstone). These two functions are the whole protocol; call them inside a handler.

A copy of gigs subclasses :class:`GigReplica` and gets its three handlers from
:func:`gig_replica_handlers`, bound to version 2 of ``created``/``updated`` (with the packages).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models, transaction
from pydantic import BaseModel

from common.events.base import Event
from common.events.catalog.gigs import GigCreatedV2, GigDeleted, GigStateV2, GigUpdatedV2
from common.events.envelope import Envelope
from common.events.handlers import HandlerFunction, handles

M = TypeVar("M", bound=models.Model)


def overwrite_if_newer(model: type[M], *, key: dict[str, Any], state: dict[str, Any]) -> M:
    """Insert the row, or overwrite it with ``state`` when ``state["changed_at"]`` is newer.

    A tombstone (``deleted``) is never overwritten. The row is locked while deciding, so two
    deliveries racing each other cannot both write.
    """
    with transaction.atomic():
        row: M | None = model._default_manager.select_for_update().filter(**key).first()
        if row is None:
            created: M = model._default_manager.create(**key, **state)
            return created
        if getattr(row, "deleted", False) or _columns(row).changed_at >= state["changed_at"]:
            return row
        for name, value in state.items():
            setattr(row, name, value)
        row.save()
        return row


def mark_deleted(model: type[M], *, key: dict[str, Any], deleted_at: datetime, **known: Any) -> M:
    """Make the row a tombstone (creating one when the row never arrived, so it cannot come back)."""
    with transaction.atomic():
        defaults = {**known, "deleted": True, "changed_at": deleted_at}
        found: tuple[M, bool] = model._default_manager.select_for_update().get_or_create(**key, defaults=defaults)
        row, created = found
        columns = _columns(row)
        if not created and not columns.deleted:
            columns.deleted = True
            columns.active = False
            columns.changed_at = max(columns.changed_at, deleted_at)
            row.save()
        return row


def _columns(row: models.Model) -> Any:
    """The row, read by the columns of the protocol; replica models share them by name, not by a base class."""
    return row


class GigReplica(models.Model):
    """What every service that keeps gigs from ``gigs.gig.*`` keeps: a concrete model adds its own columns.

    Its price column holds as many digits as any price a gig may have (``common.api.bounds``)
    and more; ``deleted`` is the tombstone :func:`mark_deleted` writes.
    """

    gig_id = models.PositiveBigIntegerField(primary_key=True)
    seller_id = models.PositiveBigIntegerField(db_index=True)
    title = models.CharField(max_length=120, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    active = models.BooleanField(default=False)
    # A tombstone: a late ``created``/``updated`` event must not bring a deleted gig back.
    deleted = models.BooleanField(default=False)
    changed_at = models.DateTimeField()

    class Meta:
        abstract = True
        ordering = ["gig_id"]

    def __str__(self) -> str:
        return f"{self.title or '(deleted)'} ({self.gig_id})"

    @property
    def available(self) -> bool:
        """True while the gig is on sale: active at its seller's and not deleted."""
        return bool(self.active and not self.deleted)


def gig_replica_handlers(
    model: type[GigReplica], module: str
) -> tuple[HandlerFunction, HandlerFunction, HandlerFunction]:
    """Register the handlers that keep ``model`` from ``gigs.gig.*``, as handlers of ``module``.

    They are ``copy_created_gig``, ``copy_updated_gig`` and ``mark_gig_deleted`` of
    ``module`` (their inbox keys), in that order: bind them to those names there. A copy
    takes from the event every column of ``model`` the event carries, its own ones too;
    a list of objects (``packages``) is kept as JSON (a ``JSONField``).
    """
    copied = [
        field.name
        for field in model._meta.concrete_fields
        if field.name in GigStateV2.model_fields and field.name != "gig_id"
    ]

    def copy(event: GigStateV2, envelope: Envelope) -> None:
        state = {name: _column_value(getattr(event, name)) for name in copied}
        overwrite_if_newer(model, key={"gig_id": event.gig_id}, state=state)

    def delete(event: GigDeleted, envelope: Envelope) -> None:
        mark_deleted(model, key={"gig_id": event.gig_id}, deleted_at=event.deleted_at, seller_id=event.seller_id)

    return (
        _registered(GigCreatedV2, copy, module, "copy_created_gig"),
        _registered(GigUpdatedV2, copy, module, "copy_updated_gig"),
        _registered(GigDeleted, delete, module, "mark_gig_deleted"),
    )


def _column_value(value: Any) -> Any:
    """``value`` as a column holds it: a list of event models becomes JSON (money as strings)."""
    if isinstance(value, list) and all(isinstance(item, BaseModel) for item in value):
        return [item.model_dump(mode="json") for item in value]
    return value


def _registered(
    event_class: type[Event], body: Callable[[Any, Envelope], None], module: str, name: str
) -> HandlerFunction:
    """A handler of ``event_class`` running ``body``, registered as ``module.name``."""

    def handler(event: Any, envelope: Envelope) -> None:
        body(event, envelope)

    handler.__module__, handler.__name__, handler.__qualname__ = module, name, name
    return handles(event_class)(handler)
