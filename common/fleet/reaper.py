"""The runner as a child subreaper: every process started below it stays findable until it is gone.

Without it, a process whose parent dies (a gunicorn worker or a Celery pool process after
its master is killed) is re-parented to init and drops out of the runner's sight. With
PR_SET_CHILD_SUBREAPER the kernel re-parents it to the runner instead, so after stopping
its children the runner walks ``/proc`` for what is still below it, kills it and reaps it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

_PR_SET_CHILD_SUBREAPER = 36
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None
_PROC = Path("/proc")


def become_subreaper() -> bool:
    """Orphans of every descendant are re-parented to this process; False where Linux does not offer it."""
    return _LIBC is not None and _LIBC.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


@dataclass(frozen=True)
class Entry:
    """One process of the table: its parent and state (``Z`` for a zombie)."""

    pid: int
    ppid: int
    state: str


def process_table() -> dict[int, Entry]:
    """Every process of ``/proc`` now (one that exits meanwhile is left out)."""
    table = {}
    for path in _PROC.iterdir():
        if not path.name.isdigit():
            continue
        try:
            stat = (path / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        table[int(path.name)] = Entry(int(path.name), int(ppid), state)
    return table


def descendants(root: int, table: dict[int, Entry] | None = None) -> list[Entry]:
    """Every process below ``root``, children first."""
    table = process_table() if table is None else table
    children: dict[int, list[Entry]] = {}
    for entry in table.values():
        children.setdefault(entry.ppid, []).append(entry)
    found, frontier = [], [root]
    while frontier:
        below = [entry for pid in frontier for entry in children.get(pid, [])]
        found += below
        frontier = [entry.pid for entry in below]
    return found


def sweep(keep: set[int], timeout: float = 5.0) -> list[Entry]:
    """SIGKILL every descendant of this process but ``keep``, reap our own; what is left after ``timeout``.

    Call it once every child started with ``subprocess`` has been waited for: reaping
    here would take their exit status from ``Popen``.
    """
    me, deadline = os.getpid(), time.monotonic() + timeout
    while True:
        left = [entry for entry in descendants(me) if entry.pid not in keep]
        if not left or time.monotonic() > deadline:
            return left
        for entry in left:
            if entry.state != "Z":
                _kill(entry.pid)
            if entry.ppid == me:
                _reap(entry.pid)
        time.sleep(0.05)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
