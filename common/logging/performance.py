"""One INFO line per HTTP request and per handled event: what the dashboards chart.

The fields are given by their short names; :mod:`common.logging.ecs` writes them under ECS
names (``http.request.method``, ``bazaar.route``, ``http.response.status_code``,
``event.duration`` in nanoseconds; ``bazaar.event.type``, ``bazaar.event.handler``,
``bazaar.event.outcome``), with the service, request id and causation id from the context.

``route`` is the pattern that matched (the gateway's routing table, a service's URLconf), never
the raw path: ids would make every request its own route. It is absent for a path nothing matched.
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
        extra={"event_type": event_type, "handler": handler, "outcome": outcome, "duration_ms": elapsed_ms(started)},
    )
