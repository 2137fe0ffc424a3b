"""The base of every event type: a strict schema for ``data`` plus its routing key and version."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

# (routing key, version) → class: during a breaking change both versions are declared
# and published side by side until every consumer moved (ADR 0002).
_CATALOG: dict[tuple[str, int], type[Event]] = {}


class Event(BaseModel):
    """One event's ``data``. Subclasses set ``type`` (the routing key) and ``version``.

    Unknown fields are refused and values are validated both on publish and on consume.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: ClassVar[str]
    version: ClassVar[int] = 1
    retired: ClassVar[bool] = False
    # Fields that are secrets for the recipient only (a code, a reset token): the relay
    # blanks them in the outbox row once the message is sent, so the table keeps no live secret.
    secret_fields: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "type" in cls.__dict__:
            key = (cls.type, cls.version)
            if key in _CATALOG:
                raise ValueError(f"event type {cls.type} v{cls.version} declared twice")
            _CATALOG[key] = cls

    @property
    def producer(self) -> str:
        """The service that publishes this event (first part of the routing key)."""
        return self.producer_name()

    @classmethod
    def producer_name(cls) -> str:
        """The service that publishes this event type."""
        return cls.type.split(".", 1)[0]


def event_class(type_: str, version: int | None = None) -> type[Event]:
    """The declared class of an event type and version, the newest when ``version`` is None.

    ``KeyError`` when there is none.
    """
    from common.events import catalog  # noqa: F401  (declares every event)

    if version is not None:
        return _CATALOG[(type_, version)]
    versions = [cls for (key, _), cls in _CATALOG.items() if key == type_]
    if not versions:
        raise KeyError(type_)
    return max(versions, key=lambda cls: cls.version)


def all_event_classes() -> list[type[Event]]:
    """Every declared event class, sorted by routing key and version."""
    from common.events import catalog  # noqa: F401

    return [_CATALOG[key] for key in sorted(_CATALOG)]
