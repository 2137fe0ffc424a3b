"""A safety net under Celery's task logging: catalog-declared secret fields are never printed.

Celery logs a task's arguments (``Task ... received``, ``... raised``, ``... retry``) from
their ``argsrepr``; every task that carries an event sets one without the data
(:func:`common.messaging.consumer.loggable_args`). Should a task ever be queued without it,
this filter still blanks ``"code": "..."``, ``"token": "..."`` and the like in those records.
"""

from __future__ import annotations

import logging
from typing import Any

# The keys of Celery's log context (``record.args`` and ``record.data``) holding the task's
# arguments, or an exception whose message may quote them.
_ARGUMENT_KEYS = ("args", "kwargs", "exc")


class TaskArgumentsFilter(logging.Filter):
    """Redacts the task arguments of Celery's log records (the ``celery.*`` loggers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith("celery"):
            return True
        if isinstance(record.args, dict):
            record.args = _redacted(record.args)
        data = getattr(record, "data", None)
        if isinstance(data, dict):
            record.data = _redacted(data)
        return True


def _redacted(context: dict[str, Any]) -> dict[str, Any]:
    from common.events.secrets import redact_text

    return {
        key: redact_text(value) if key in _ARGUMENT_KEYS and isinstance(value, str) else value
        for key, value in context.items()
    }
