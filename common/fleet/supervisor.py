"""Start children in their own process groups, pump their output, stop them and all theirs.

Each child's every line goes to its log file (:mod:`common.fleet.logfiles`); the console
shows the warnings and errors (:mod:`common.fleet.loudness`), one line when the child is
ready, and, when verbose, every line as well.

When the runner exits, nothing it started (nor what those started) is alive, in every way
it can exit: stopped by a signal, after a child died, or SIGKILLed (see
:mod:`common.fleet.guardian` and :mod:`common.fleet.reaper`).
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from common.fleet.console import Console, say
from common.fleet.guardian import Guardian
from common.fleet.logfiles import fresh_log, log_path
from common.fleet.loudness import PYTHON_WARNING, Loudness
from common.fleet.reaper import become_subreaper, sweep
from common.fleet.services import ROOT

_PR_SET_PDEATHSIG = 1
# Loaded before any fork: the hook below runs between fork and exec, where it must not import.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def _die_with_parent() -> None:
    """Ask the kernel to kill the child if the runner dies without stopping it (kill -9).

    SIGKILL, not SIGTERM: a child whose output pipe is gone can hang in a graceful shutdown.
    Its own workers notice their parent is gone and exit; late acks redeliver any task.
    """
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


DIE_WITH_PARENT: Callable[[], None] | None = _die_with_parent if _LIBC is not None else None


@dataclass
class Child:
    """One running child process, the text that says it is ready, and the thread that copies its output."""

    name: str
    popen: subprocess.Popen[bytes]
    ready_when: str | None = None
    ready: threading.Event = field(default_factory=threading.Event, repr=False)
    pump: threading.Thread | None = field(default=None, repr=False)

    @property
    def returncode(self) -> int | None:
        """None while running."""
        return self.popen.poll()


class Supervisor:
    """Owns every child of one run of the fleet, and every process below them."""

    def __init__(self, console: Console, env: dict[str, str], logs: Path, *, verbose: bool = False) -> None:
        self.console = console
        self.env = env
        self.logs = logs
        self.verbose = verbose
        self.children: list[Child] = []
        self._lock = threading.Lock()
        self._warnings_shown: set[str] = set()
        become_subreaper()
        self.guardian = Guardian(env)

    def start(self, name: str, command: list[str], ready_when: str | None = None) -> Child:
        """Start ``command`` in its own session, so a terminal's Ctrl-C reaches only us.

        ``ready_when``: a text of the child's output that says it is ready (its first line
        containing it makes the child ready); None for a child the runner checks itself.
        """
        log = fresh_log(self.logs, name)
        popen = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=DIE_WITH_PARENT,
        )
        self.guardian.watch(popen.pid)  # its process group, which its own children stay in
        child = Child(name, popen, ready_when)
        child.pump = threading.Thread(target=self._copy_output, args=(child, log), daemon=True)
        child.pump.start()
        self.children.append(child)
        return child

    def log_of(self, name: str) -> Path:
        """The file where the child ``name`` writes."""
        return log_path(self.logs, name)

    def show_last_lines(self, child: Child, count: int = 15) -> None:
        """The end of ``child``'s log on a quiet console: why it stopped is there, whatever its level."""
        if self.verbose:
            return  # already printed
        if child.pump is not None:
            child.pump.join(timeout=2)  # its last lines are in the file
        for text in self.log_of(child.name).read_text(errors="replace").splitlines()[-count:]:
            self.console.line(child.name, text)

    def mark_ready(self, child: Child, detail: str = "") -> None:
        """Say once that ``child`` is ready (``detail``: where it answers)."""
        with self._lock:
            if child.ready.is_set():
                return
            child.ready.set()
        self.console.line(child.name, f"ready{detail}")

    def not_ready(self) -> list[Child]:
        """The children still waiting for the text that says they are ready."""
        return [child for child in self.children if child.ready_when is not None and not child.ready.is_set()]

    def _copy_output(self, child: Child, log: TextIO) -> None:
        stdout = child.popen.stdout
        assert stdout is not None
        loudness = Loudness()
        with log:
            for raw in stdout:
                text = raw.decode(errors="replace").rstrip("\r\n")
                log.write(text + "\n")
                log.flush()  # followed live (make logs) and read by the tests
                if self.verbose or self._shows(loudness.is_loud(text), text):
                    self.console.line(child.name, text)
                if child.ready_when is not None and child.ready_when in text:
                    self.mark_ready(child)

    def _shows(self, loud: bool, text: str) -> bool:
        """True for a loud line, except a Python warning another child already showed.

        Python shows a warning once per process; the console shows it once per fleet (every
        worker run as root warns the same).
        """
        if not loud or not PYTHON_WARNING.match(text):
            return loud
        with self._lock:
            seen = text in self._warnings_shown
            self._warnings_shown.add(text)
        return not seen

    def first_exited(self) -> Child | None:
        """A child that has stopped, if any."""
        return next((child for child in self.children if child.returncode is not None), None)

    def stop_all(self, grace_seconds: float = 10.0) -> None:
        """SIGTERM every child, wait up to ``grace_seconds``, then SIGKILL their groups and whatever else is below us."""
        try:
            self._stop_children(grace_seconds)
        finally:
            left = sweep(keep={self.guardian.pid})
            if left:
                say(self.console, f"still running after SIGKILL: {', '.join(str(entry.pid) for entry in left)}")
                self.guardian.abandon()
            else:
                self.guardian.release()
        for child in self.children:
            if child.pump is not None:
                child.pump.join(timeout=1)

    def _stop_children(self, grace_seconds: float) -> None:
        for child in self.children:
            if child.returncode is None:
                _signal(child, signal.SIGTERM, group=False)
        deadline = time.monotonic() + grace_seconds
        for child in self.children:
            try:
                child.popen.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(self.console, f"{child.name} did not stop within {grace_seconds:.0f}s: killing it")
        for child in self.children:
            # Also kills grandchildren (gunicorn or celery workers) a killed parent left behind.
            _signal(child, signal.SIGKILL, group=True)
            child.popen.wait()


def _signal(child: Child, signum: signal.Signals, *, group: bool) -> None:
    try:
        if group:
            os.killpg(child.popen.pid, signum)
        else:
            child.popen.send_signal(signum)
    except ProcessLookupError:
        pass
