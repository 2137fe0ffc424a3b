"""The envelope every event travels in (docs/architecture.md, "Events"), parsed strictly on consume."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from common.events.base import Event, event_class


class InvalidEnvelope(ValueError):
    """A message that is not a valid event of the catalog; it is dead-lettered, never retried."""


class Envelope(BaseModel):
    """``{"id", "type", "version", "occurred_at", "producer", "data"}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: uuid.UUID
    type: str
    version: int
    occurred_at: datetime
    producer: str
    data: dict[str, Any]

    def event(self) -> Event:
        """``data`` validated against the catalog's schema of ``type`` and ``version``."""
        try:
            cls = event_class(self.type, self.version)
        except KeyError:
            raise InvalidEnvelope(f"unknown event type {self.type!r} version {self.version}") from None
        if self.producer != cls.type.split(".", 1)[0]:
            raise InvalidEnvelope(f"{self.type} cannot be produced by {self.producer!r}")
        try:
            return cls.model_validate(self.data)
        except ValidationError as error:
            raise InvalidEnvelope(f"{self.type} data is invalid: {without_values(error)}") from None


def parse(body: bytes | str | dict[str, Any]) -> tuple[Envelope, Event]:
    """The envelope and its validated event, from a message body; ``InvalidEnvelope`` if not."""
    try:
        raw = json.loads(body) if isinstance(body, bytes | str) else body
        envelope = Envelope.model_validate(raw)
    except (ValueError, ValidationError) as error:
        reason = without_values(error) if isinstance(error, ValidationError) else error
        raise InvalidEnvelope(f"not an event envelope: {reason}") from None
    return envelope, envelope.event()


def without_values(error: ValidationError) -> str:
    """What is wrong, field by field, without the values (pydantic's message quotes them, secrets too)."""
    return "; ".join(
        f"{'.'.join(str(part) for part in item['loc']) or '(envelope)'}: {item['msg']}"
        for item in error.errors(include_url=False, include_input=False, include_context=False)
    )


def envelope_of(event: Event, *, event_id: uuid.UUID, occurred_at: datetime) -> dict[str, Any]:
    """The JSON-ready envelope of ``event`` (what the relay sends)."""
    return {
        "id": str(event_id),
        "type": event.type,
        "version": event.version,
        "occurred_at": occurred_at.isoformat(),
        "producer": event.producer,
        "data": event.model_dump(mode="json"),
    }
