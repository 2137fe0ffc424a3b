"""A fleet a test suite starts for itself: ``python -m common.fleet.up`` (or ``.prod``) in the background.

The suites that drive the real fleet (tests/e2e, tests/e2e_prod, tests/e2e_scale) each run
one on ports, databases, a Redis database and a RabbitMQ vhost of their own. This module
starts one ``--verbose`` (every line of every process on its stdout), waits for its ready
line, keeps every line it printed and stops it. Each process also writes its lines to its
file in the run's log folder (common/fleet/logfiles.py): ``Fleet.logged()`` reads them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import redis

from common.fleet.logfiles import log_dir

ROOT = Path(__file__).resolve().parents[1]
READY_LINE = "Bazaar is up"


@dataclass
class Fleet:
    """A running fleet (or a subset of it) and what it printed."""

    process: subprocess.Popen[str]
    gateway_url: str
    env: dict[str, str] = field(default_factory=dict)
    output: list[str] = field(default_factory=list)

    @property
    def logs(self) -> Path:
        """The folder of the run's log files, one per process (the run's port offset names it)."""
        return log_dir(int(self.env.get("FLEET_PORT_OFFSET") or 0))

    def logged(self) -> list[str]:
        """Every line in the log files of this run's processes."""
        return [
            line for path in sorted(self.logs.glob("*.log")) for line in path.read_text(errors="replace").splitlines()
        ]

    def client(self, gateway_url: str | None = None) -> httpx.Client:
        """A fresh HTTP client (own cookie jar) talking to the gateway, or to another gateway of the fleet."""
        return httpx.Client(base_url=gateway_url or self.gateway_url, timeout=10)


OWN_CHOICE = frozenset({"STRIPE_API_BASE", "DJANGO_SETTINGS_MODULE"})


def runner_env(*, port_offset: int, db_prefix: str, redis_url: str, **extra: str) -> dict[str, str]:
    """Ours for a local-mode runner on its own ports, databases and Redis database, plus ``extra``.

    The Redis database is emptied here: counters and inbox keys of an earlier run must not
    leak into this one.
    """
    redis.Redis.from_url(redis_url).flushdb()
    return {
        # A developer's own Stripe settings would send the fleet's payments elsewhere; and each
        # process picks its own Django settings (a test module that imported the gateway's
        # package set the gateway's in this process, which has no database).
        **{name: value for name, value in os.environ.items() if name not in OWN_CHOICE},
        "BAZAAR_ENV": "local",
        "POSTGRES_DB_PREFIX": db_prefix,
        "FLEET_PORT_OFFSET": str(port_offset),
        "REDIS_URL": redis_url,
        **extra,
    }


def launch(module: str, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """``python -m <module> <args>`` from the repository root, its output in one text pipe."""
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def launch_runner(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """``python -m common.fleet.up <args> --verbose``, printing every line of every process prefixed with its name.

    The suites read those lines (tests/e2e's log check, tests/e2e_scale's counts): a quiet
    runner prints only warnings, errors and readiness, a test fleet's runner prints them all.
    """
    return launch("common.fleet.up", *args, "--verbose", env=env)


def wait_until_ready(
    fleet: Fleet, *, ready_line: str = READY_LINE, timeout: float = 180, said: tuple[str, ...] = ("fleet ",)
) -> None:
    """Copy the runner's output into ``fleet.output``; return once it prints ``ready_line``.

    Fails the test, after stopping the runner, when it exits or takes longer than ``timeout``,
    showing the lines that start with ``said`` (the runner's own) and the last ones.
    """
    ready = threading.Event()
    threading.Thread(target=_pump, args=(fleet, ready_line, ready), daemon=True).start()
    deadline = time.monotonic() + timeout
    try:
        while not ready.wait(0.5):
            if fleet.process.poll() is not None or time.monotonic() > deadline:
                stop_fleet(fleet)
                own = [line for line in fleet.output if line.startswith(said)]
                pytest.fail("the fleet did not start:\n" + "".join(own + ["...\n"] + fleet.output[-60:]))
    except BaseException:  # pytest's own timeout too: never leave the fleet running
        stop_fleet(fleet)
        raise


def _pump(fleet: Fleet, ready_line: str, ready: threading.Event) -> None:
    assert fleet.process.stdout is not None
    for line in fleet.process.stdout:
        fleet.output.append(line)
        if ready_line in line:
            ready.set()


def stop_fleet(fleet: Fleet) -> None:
    """SIGTERM, as Ctrl-C would; the runner stops its children."""
    if fleet.process.poll() is None:
        fleet.process.send_signal(signal.SIGTERM)
        try:
            fleet.process.wait(30)
        except subprocess.TimeoutExpired:
            fleet.process.kill()
