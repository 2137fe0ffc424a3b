"""Where each process of a run writes everything it says: ``.run/logs/<process>.log``.

One folder per fleet (``.run/logs-<offset>`` on a port offset, as two fleets never share
ports). At start each process's file of the previous run becomes ``<process>.log.1`` (the one
before is dropped), so a crash's log survives one restart and a file never grows across runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from common.fleet.commands import RUN_DIR


def log_dir(port_offset: int = 0) -> Path:
    """The log folder of the fleet on ``port_offset``."""
    return RUN_DIR / (f"logs-{port_offset}" if port_offset else "logs")


def log_path(folder: Path, process: str) -> Path:
    """The file of one process (``gigs-worker``) in ``folder``."""
    return folder / f"{process}.log"


def fresh_log(folder: Path, process: str) -> TextIO:
    """A new, empty file for ``process``; the previous run's is kept as ``<process>.log.1``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = log_path(folder, process)
    if path.exists():
        path.replace(path.with_name(path.name + ".1"))
    return path.open("w", encoding="utf-8", errors="replace")
