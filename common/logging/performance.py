"""One INFO line per HTTP request and per handled event: what the dashboards chart.

Compact JSON like every line (service, request id and causation id come from the context)::

    {"message": "request", "method": "GET", "route": "/api/v1/gigs/<int:id>", "status": 200, "duration_ms": 12.5, ...}
    {"message": "event handled", "route": "auth.user.registered", "handler": "...", "outcome": "applied", ...}

``route`` is the pattern that matched (the gateway's routing table, a service's URLconf), never
the raw path: ids would make every request its own route. It is null for a path nothing matched.
"""

from __future__ import annotations

import logging
import time

request_log = logging.getLogger("bazaar.requests")
event_log = logging.getLogger("bazaar.events")


def elapsed_ms(started: float) -> float:
    """Milliseconds since ``started`` (a ``time.perf_counter()`` reading), to a tenth."""
    return round((time.perf_counter() - started) * 1000, 1)


def log_request(method: str, route: str | None, status: int, started: float) -> None:
    """The line of one HTTP request, once its answer is known."""
    request_log.info(
        "request",
        extra={"method": method, "route": route, "status": status, "duration_ms": elapsed_ms(started)},
    )


def log_event(event_type: str, handler: str, outcome: str, started: float) -> None:
    """The line of one handler run on one event: ``applied``, ``duplicate``, ``retry``, ``dead-lettered`` or ``failed``."""
    event_log.info(
        "event handled",
        extra={"route": event_type, "handler": handler, "outcome": outcome, "duration_ms": elapsed_ms(started)},
    )
