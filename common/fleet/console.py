"""The runner's terminal: every child's lines, prefixed with its name, never interleaved."""

from __future__ import annotations

import os
import sys
import threading
from typing import TextIO

_COLORS = ("36", "32", "33", "35", "34", "91", "92", "93", "94", "95", "96")


class Console:
    """Writes whole lines to one stream from many threads."""

    def __init__(self, stream: TextIO = sys.stdout, width: int = 20) -> None:
        self.stream = stream
        self.width = width
        self.color = stream.isatty()
        self._lock = threading.Lock()
        self._colors: dict[str, str] = {}
        self.lost = False

    def _prefix(self, name: str) -> str:
        label = f"{name:<{self.width}}|"
        if not self.color:
            return label
        code = self._colors.setdefault(name, _COLORS[len(self._colors) % len(_COLORS)])
        return f"\033[{code}m{label}\033[0m"

    def line(self, name: str, text: str) -> None:
        """One line of a child's (or the runner's own, as ``fleet``) output."""
        self.raw(f"{self._prefix(name)} {text.rstrip()}")

    def raw(self, text: str) -> None:
        """A line without prefix (the ready line, so it stands out)."""
        with self._lock:
            if self.lost:
                return
            try:
                self.stream.write(text + "\n")
                self.stream.flush()
            except (OSError, ValueError):
                # The terminal closed or the reader of our pipe went away: the fleet must
                # still stop cleanly, so from now on its lines go nowhere.
                self.lost = True
                _point_at_devnull(self.stream)


def _point_at_devnull(stream: TextIO) -> None:
    """Let the interpreter's last flush of ``stream`` succeed (else it exits with 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def say(console: Console, text: str) -> None:
    """A message from the runner itself."""
    console.line("fleet", text)
