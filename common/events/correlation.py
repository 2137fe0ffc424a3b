"""The request id and causation id an event carries in its message headers (ADR 0008).

The outbox row records both when the event is published (:mod:`common.events.outbox.writer`):
the request id of the request being served, or of the event being handled; the causation
id, the id of the event being handled (empty when a request caused it). The relay sends
them as AMQP headers, and the consumer puts them back in the logging context, so every
log line of every process a request sets in motion carries its one request id.
"""

from __future__ import annotations

from collections.abc import Mapping

from common.logging.context import causation_id_var, request_id_var
from common.logging.middleware import well_formed

REQUEST_ID_HEADER = "x-request-id"
CAUSATION_ID_HEADER = "x-causation-id"


def current_ids() -> tuple[str, str]:
    """(request id, causation id) of what this process is doing now; empty strings when none."""
    return request_id_var.get() or "", causation_id_var.get() or ""


def message_headers(request_id: str, causation_id: str) -> dict[str, str]:
    """The AMQP headers of an event with these ids (an empty id is left out)."""
    headers = {REQUEST_ID_HEADER: request_id, CAUSATION_ID_HEADER: causation_id}
    return {name: value for name, value in headers.items() if value}


def ids_in(headers: Mapping[str, object] | None) -> tuple[str, str]:
    """(request id, causation id) read from a message's headers; a missing or malformed one is empty."""
    headers = headers or {}
    request_id, causation_id = headers.get(REQUEST_ID_HEADER), headers.get(CAUSATION_ID_HEADER)
    return (request_id if well_formed(request_id) else "", causation_id if well_formed(causation_id) else "")
