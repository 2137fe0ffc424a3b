"""Log lines in the Elastic Common Schema: the official ``ecs-logging`` formatter, our fields renamed.

Every process prints one JSON object per line on stdout; a collector beside the fleet ships them
to Elasticsearch unchanged (docs/adr/0016-shipping-logs-with-a-collector.md). The call sites keep
their short names (``extra={"route": ...}``, the context filter's ``request_id``); the renaming
to ECS happens once, here::

    {"@timestamp": "...", "log.level": "info", "message": "request", "service": {"name": "gigs"},
     "event": {"dataset": "bazaar.requests", "duration": 12500000}, "http": {"request": {"id": "...",
     "method": "GET"}, "response": {"status_code": 200}}, "bazaar": {"route": "/api/v1/gigs/<int:id>"}, ...}

A field ECS has no name for goes under ``bazaar.`` (ECS's advice for custom fields), so that no
line can clash with the mapping of an ECS field (an ``error`` string against the ``error`` object).
"""

from __future__ import annotations

import logging
from typing import Any

from ecs_logging import StdlibFormatter

# Our record attributes and ``extra`` keys, by their ECS names.
ECS_NAMES = {
    "service": "service.name",
    "request_id": "http.request.id",
    "causation_id": "bazaar.causation_id",
    "user_id": "user.id",
    "method": "http.request.method",
    "status": "http.response.status_code",
    "status_code": "http.response.status_code",
    "route": "bazaar.route",
    "event_id": "bazaar.event.id",
    "event_type": "bazaar.event.type",
    "handler": "bazaar.event.handler",
    "outcome": "bazaar.event.outcome",
    "upstream": "service.target.name",
    "path": "url.path",
    "reason": "event.reason",
    "error": "error.message",
}

# A handler run's outcome as ECS's three-valued ``event.outcome``.
EVENT_OUTCOMES = {
    "applied": "success",
    "duplicate": "success",
    "retry": "failure",
    "dead-lettered": "failure",
    "failed": "failure",
}

# The lines the dashboards chart have a dataset of their own; every other line is ``bazaar.log``.
DATASETS = {"bazaar.requests": "bazaar.requests", "bazaar.events": "bazaar.events"}
DEFAULT_DATASET = "bazaar.log"

# Django's access log attaches the request object and a server time: neither belongs in a line.
DROPPED = frozenset({"request", "server_time"})

# ``log.original`` repeats ``message``; the process and thread names say nothing in our processes.
EXCLUDED_FIELDS = ("log.original", "process.name", "process.thread.name")

_RECORD_ATTRIBUTES = StdlibFormatter._LOGRECORD_DICT


class EcsFormatter(StdlibFormatter):
    """``ecs_logging.StdlibFormatter`` writing Bazaar's context and extras under ECS names."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("exclude_fields", EXCLUDED_FIELDS)
        super().__init__(**kwargs)

    def format_to_ecs(self, record: logging.LogRecord) -> dict[str, Any]:
        return super().format_to_ecs(with_ecs_names(record))


def with_ecs_names(record: logging.LogRecord) -> logging.LogRecord:
    """A copy of ``record`` whose extra attributes carry their ECS names (the original is left alone)."""
    fields = {key: value for key, value in record.__dict__.items() if key in _RECORD_ATTRIBUTES}
    for key, value in record.__dict__.items():
        if key not in _RECORD_ATTRIBUTES and key not in DROPPED:
            fields.update(ecs_fields(key, value, has_exception=bool(record.exc_info)))
    fields["event.dataset"] = DATASETS.get(record.name, DEFAULT_DATASET)
    return logging.makeLogRecord(fields)


def ecs_fields(key: str, value: Any, *, has_exception: bool) -> dict[str, Any]:
    """The ECS field(s) of one extra attribute."""
    if key == "duration_ms":
        return {"event.duration": None if value is None else round(value * 1_000_000)}
    if key == "outcome":
        return {ECS_NAMES[key]: value, "event.outcome": EVENT_OUTCOMES.get(value, "unknown")}
    if key == "error" and has_exception:
        # The exception fills error.message itself; the extra must not collide with it.
        return {"bazaar.error": value}
    if key in ECS_NAMES:
        return {ECS_NAMES[key]: value}
    if "." in key or key.startswith("elasticapm_"):
        # Already an ECS name, or the APM agent's log correlation, which the base class maps.
        return {key: value}
    return {f"bazaar.{key}": value}
