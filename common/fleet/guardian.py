"""``python -m common.fleet.guardian``: kills the fleet if the runner dies without stopping it.

The runner's own stop (SIGTERM, grace, SIGKILL) covers every way it exits by itself. It
cannot cover its own SIGKILL (a process manager's stop timeout, ``kill -9``), and
PR_SET_PDEATHSIG then reaches only its direct children: a gunicorn worker, a Celery pool
process would live on. Each direct child leads its own process group, which its
descendants stay in, so the runner starts this guardian first and tells it every group.
The guardian lives in its own session (a signal to the runner's group does not reach it)
and reads one process group per line on stdin. The runner writes ``done`` once everything
it started is gone; stdin ending without ``done`` means the runner died, and the guardian
SIGKILLs every group it was told about.

Stdlib only, nothing of the fleet: it starts at once, before any child.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

DONE = "done"
_ROOT = Path(__file__).resolve().parents[2]


def kill_groups(groups: list[int]) -> None:
    """SIGKILL every group; one that is already empty is skipped.

    A group id is not reused while the group has members, and these are the groups of
    children that ran until moments ago (a child that dies stops the fleet): too soon for
    the kernel's pid numbers to have come round to one of them for someone else.
    """
    for pgid in groups:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)


def guard(lines: Iterable[str]) -> None:
    """Read groups until ``done`` (nothing to do) or the end of input (every group killed)."""
    groups: list[int] = []
    for line in lines:
        word = line.strip()
        if word == DONE:
            return
        if word.isdigit():
            groups.append(int(word))
    kill_groups(groups)


def main() -> int:
    """Entry point of ``python -m common.fleet.guardian``."""
    # It must outlive whatever stops the runner; the end of its input ends it.
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_IGN)
    guard(sys.stdin)
    return 0


class Guardian:
    """The runner's side: the guardian process and the pipe to it."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "common.fleet.guardian"],
            cwd=_ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            start_new_session=True,
            text=True,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def watch(self, pgid: int) -> None:
        """Kill ``pgid`` should the runner die without stopping it."""
        self._send(str(pgid))

    def release(self) -> None:
        """Everything is stopped: the guardian exits without killing anything."""
        self._send(DONE)
        self._close()

    def abandon(self) -> None:
        """Something may still run: the guardian kills every group it knows, now."""
        self._close()

    def _send(self, word: str) -> None:
        assert self.popen.stdin is not None
        try:
            self.popen.stdin.write(word + "\n")
            self.popen.stdin.flush()
        except (OSError, ValueError):
            pass  # a guardian that is gone cannot help; the runner still stops what it started

    def _close(self) -> None:
        assert self.popen.stdin is not None
        with contextlib.suppress(OSError):
            self.popen.stdin.close()
        try:
            self.popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()


if __name__ == "__main__":
    raise SystemExit(main())
