"""Celery tasks carry the request and causation ids of whoever queued them.

Publishing a task stamps the current ids into its message headers (``before_task_publish``);
the worker puts them back in the logging context while the task runs (``task_prerun``, undone
at ``task_postrun``, after Celery's own ``succeeded`` or ``retry`` line). So the event bridge's
handler tasks, their retries and any task a handler or a request queues (an email to send)
log under the request id that set them in motion, and events they publish carry it on.
"""

from __future__ import annotations

from contextvars import Token
from typing import Any

from celery import signals

from common.events.correlation import current_ids
from common.logging.context import causation_id_var, request_id_var
from common.logging.middleware import well_formed

REQUEST_ID_HEADER = "bazaar_request_id"
CAUSATION_ID_HEADER = "bazaar_causation_id"

# The context a running task replaced, by task id, restored when it ends.
_replaced: dict[str, tuple[Token[str | None], Token[str | None]]] = {}


def stamp_ids(headers: dict[str, Any] | None = None, **_: Any) -> None:
    """``before_task_publish``: the ids of the current context travel in the task's headers."""
    if headers is None:
        return
    request_id, causation_id = current_ids()
    headers[REQUEST_ID_HEADER] = request_id
    headers[CAUSATION_ID_HEADER] = causation_id


def bind_ids(task_id: str = "", task: Any = None, **_: Any) -> None:
    """``task_prerun``: the task's ids (a malformed one is dropped) become the logging context."""
    request = getattr(task, "request", None)
    request_id, causation_id = (getattr(request, name, None) for name in (REQUEST_ID_HEADER, CAUSATION_ID_HEADER))
    _replaced[task_id] = (
        request_id_var.set(request_id if well_formed(request_id) else None),
        causation_id_var.set(causation_id if well_formed(causation_id) else None),
    )


def unbind_ids(task_id: str = "", **_: Any) -> None:
    """``task_postrun``: back to the context before the task."""
    tokens = _replaced.pop(task_id, None)
    if tokens is not None:
        request_id_var.reset(tokens[0])
        causation_id_var.reset(tokens[1])


def connect() -> None:
    """Connect the three handlers (once, however many apps are made)."""
    signals.before_task_publish.connect(stamp_ids, weak=False, dispatch_uid="bazaar.stamp_ids")
    signals.task_prerun.connect(bind_ids, weak=False, dispatch_uid="bazaar.bind_ids")
    signals.task_postrun.connect(unbind_ids, weak=False, dispatch_uid="bazaar.unbind_ids")
