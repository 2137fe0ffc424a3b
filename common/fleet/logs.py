"""``python -m common.fleet.logs NAME`` (``make logs SERVICE=<name>``): follow what a service's processes write.

``gigs`` follows every process of the service (``gigs``, ``gigs-relay``, ``gigs-worker``,
``gigs-beat``), interleaved and prefixed like ``make up --verbose``; ``gigs-worker`` (or
``localstripe``, ``nginx``...) follows that one process. It starts with the last lines of
each file, keeps following across a restart of the fleet (which starts each file afresh),
and stops on Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import env_int
from common.fleet.console import Console, say
from common.fleet.logfiles import log_dir, log_path
from common.fleet.services import NAMES

SERVICE_PROCESSES = ("", "-relay", "-worker", "-beat")


def files_of(name: str, folder: Path) -> list[Path]:
    """The files ``name`` stands for that exist in ``folder``: a service's processes, or one process."""
    names = [f"{name}{suffix}" for suffix in SERVICE_PROCESSES] if name in NAMES else [name]
    return [path for path in (log_path(folder, process) for process in names) if path.is_file()]


@dataclass
class Followed:
    """One log file, read from where the last read stopped; reopened when a new run starts it afresh."""

    path: Path
    handle: TextIO | None = None
    inode: int = -1
    partial: str = field(default="", repr=False)

    @property
    def process(self) -> str:
        """The process that writes the file (``gigs-worker``)."""
        return self.path.name.removesuffix(".log")

    def last_lines(self, count: int) -> list[str]:
        """The file's last ``count`` lines; the next read starts after them."""
        lines = self.new_lines()
        return lines[-count:] if count > 0 else []

    def new_lines(self) -> list[str]:
        """Whole lines written since the last read (from the start of a file begun afresh)."""
        self._reopen_if_replaced()
        if self.handle is None:
            return []
        lines = (self.partial + self.handle.read()).split("\n")
        self.partial = lines.pop()
        return lines

    def _reopen_if_replaced(self) -> None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return
        shrunk = self.handle is not None and stat.st_size < self.handle.tell()
        if stat.st_ino == self.inode and not shrunk:
            return
        if self.handle is not None:
            self.handle.close()
        self.handle = self.path.open(encoding="utf-8", errors="replace")
        self.inode, self.partial = stat.st_ino, ""


def follow(files: list[Followed], console: Console, *, lines: int, forever: bool, interval: float = 0.25) -> None:
    """Print each file's last ``lines`` lines, then (``forever``) every new line as it comes."""
    for followed in files:
        for text in followed.last_lines(lines):
            console.line(followed.process, text)
    while forever:
        time.sleep(interval)
        for followed in files:
            for text in followed.new_lines():
                console.line(followed.process, text)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m common.fleet.logs", description="Follow a service's log files.")
    parser.add_argument("name", help=f"a service ({', '.join(NAMES)}) or one process (gigs-worker, localstripe)")
    parser.add_argument("--lines", type=int, default=20, help="last lines of each file to print first (default 20)")
    parser.add_argument("--no-follow", action="store_true", help="print the last lines and stop")
    parser.add_argument(
        "--port-offset", type=int, default=None, help="the fleet's port offset (default: FLEET_PORT_OFFSET)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m common.fleet.logs``."""
    args = parse_args(argv)
    console = Console()
    folder = log_dir(env_int("FLEET_PORT_OFFSET") if args.port_offset is None else args.port_offset)
    paths = files_of(args.name, folder)
    if not paths:
        known = sorted(path.name.removesuffix(".log") for path in folder.glob("*.log"))
        say(console, f"no log of {args.name} in {folder}; there are: {', '.join(known) or 'none (make up first)'}")
        return 2
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how one stops following
        follow([Followed(path) for path in paths], console, lines=args.lines, forever=not args.no_follow)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
