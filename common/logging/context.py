"""Per-request context (request id, causation id, user id) carried by contextvars into every log line.

``request_id`` is the gateway's ``X-Request-ID``: set by the request middleware, and in a
worker from the headers of the event or task being handled, so one id follows a request
through every event it causes. ``causation_id`` is the id of the event being handled (empty
while serving a request): an event published now was caused by it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
causation_id_var: ContextVar[str | None] = ContextVar("causation_id", default=None)
user_id_var: ContextVar[str | None] = ContextVar("user_id", default=None)


@contextmanager
def correlated(request_id: str | None, causation_id: str | None) -> Iterator[None]:
    """Log lines (and events published) inside the block carry these ids; the previous ones after."""
    request_token = request_id_var.set(request_id or None)
    causation_token = causation_id_var.set(causation_id or None)
    try:
        yield
    finally:
        causation_id_var.reset(causation_token)
        request_id_var.reset(request_token)


class ContextFilter(logging.Filter):
    """Adds ``service``, ``request_id``, ``causation_id`` and ``user_id`` to every record."""

    def __init__(self, service: str = "") -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        record.request_id = request_id_var.get()
        record.causation_id = causation_id_var.get()
        record.user_id = user_id_var.get()
        return True
