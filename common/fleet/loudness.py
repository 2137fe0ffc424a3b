"""Which lines of a child's output a quiet runner shows: warnings and errors, whatever wrote them.

Every line goes to the child's log file (:mod:`common.fleet.logfiles`); the console of a
quiet run gets only the loud ones. A child writes in several dialects, so the level is read
from each: our ECS lines (``"log.level"``) or any JSON line's ``"level"``, gunicorn's
``[time] [pid] [LEVEL]``, Celery's ``[time: LEVEL/Process]``, uvicorn's and Python's
``LEVEL:``, nginx's ``[warn]``; a Python warning (``file:line: SomeWarning: text``) and a
traceback (all of its lines) are loud too.
"""

from __future__ import annotations

import json
import re

LOUD_LEVELS = frozenset({"WARN", "WARNING", "ERROR", "CRITICAL", "FATAL", "CRIT", "ALERT", "EMERG"})

_PLAIN_LEVELS = (
    re.compile(r"^\[[^\]]*\] \[\d+\] \[(?P<level>[A-Z]+)\]"),  # gunicorn
    re.compile(r"^\[[^\]]*: (?P<level>[A-Z]+)/\w+\]"),  # Celery without our logging
    re.compile(r"^(?P<level>[A-Z]+):"),  # uvicorn, Python's default format
    re.compile(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \[(?P<level>[a-z]+)\]"),  # nginx
)
PYTHON_WARNING = re.compile(r"^\S+:\d+: \w*Warning: ")
_TRACEBACK = "Traceback (most recent call last):"
_CHAINED = ("During handling of the above exception", "The above exception was the direct cause")


def json_level(line: str) -> str | None:
    """The level of a JSON log line (ECS's ``log.level``, or ``level``), None for any other line."""
    if not line.startswith("{"):
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    nested = record.get("log")
    level = (
        record.get("level") or record.get("log.level") or (nested.get("level") if isinstance(nested, dict) else None)
    )
    return str(level).upper() if level else None


def line_level(line: str) -> str | None:
    """The level a line states, in whichever dialect; None when it states none."""
    found = json_level(line)
    if found is not None:
        return found
    for pattern in _PLAIN_LEVELS:
        match = pattern.match(line)
        if match:
            return match["level"].upper()
    return None


class Loudness:
    """Decides, line by line, what one child's quiet console shows (a traceback spans lines)."""

    def __init__(self) -> None:
        self.in_traceback = False

    def is_loud(self, line: str) -> bool:
        """True for a warning or an error, and for every line of a traceback."""
        text = line.rstrip("\n")
        if self.in_traceback:
            self.in_traceback = _traceback_goes_on(text)
            return True
        if text.startswith((_TRACEBACK, *_CHAINED)):
            self.in_traceback = True
            return True
        if PYTHON_WARNING.match(text):
            return True
        return line_level(text) in LOUD_LEVELS


def _traceback_goes_on(text: str) -> bool:
    """False once ``text`` is the exception's own line, the last of a traceback."""
    return not text or text[0].isspace() or text.startswith((_TRACEBACK, *_CHAINED))
