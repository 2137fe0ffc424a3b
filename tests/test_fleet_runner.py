"""``python -m common.fleet.up`` on offset ports, against the real PostgreSQL and RabbitMQ."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from common.fleet.health import port_is_free
from common.fleet.services import get

ROOT = Path(__file__).resolve().parents[1]
OFFSET = 10300  # users on 18302, notifications on 18307


@dataclass
class Fleet:
    """A runner started by a test, and every line it printed so far."""

    popen: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    def wait_for(self, *texts: str, timeout: float) -> str:
        """The first line, printed so far or within ``timeout``, that contains every text."""
        for line in self.seen:
            if all(text in line for text in texts):
                return line
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.popen.poll() is not None and self.lines.empty():
                    break
                continue
            self.seen.append(line)
            if all(text in line for text in texts):
                return line
        raise AssertionError(f"{texts!r} not printed; output:\n" + "".join(self.seen[-60:]))


def start(*args: str, env: dict[str, str] | None = None) -> Fleet:
    popen = subprocess.Popen(
        [sys.executable, "-m", "common.fleet.up", "--port-offset", str(OFFSET), *args],
        cwd=ROOT,
        env={**os.environ, "BAZAAR_ENV": "local", **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    fleet = Fleet(popen)

    def pump() -> None:
        assert popen.stdout is not None
        for line in popen.stdout:
            fleet.lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return fleet


@pytest.fixture
def run_fleet() -> Iterator[list[Fleet]]:
    started: list[Fleet] = []
    yield started
    for fleet in started:
        if fleet.popen.poll() is None:
            # SIGTERM first: the runner stops its children, which live in their own sessions.
            fleet.popen.send_signal(signal.SIGTERM)
            try:
                fleet.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(fleet.popen.pid, signal.SIGKILL)
                fleet.popen.wait()


def health(port: int) -> tuple[int, dict[str, object]]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as response:
        return response.status, json.loads(response.read())


def test_a_subset_of_the_fleet_comes_up_answers_health_and_stops_cleanly_on_sigterm(run_fleet):
    users, notifications = get("users").port + OFFSET, get("notifications").port + OFFSET
    fleet = start("--only", "users,notifications")
    run_fleet.append(fleet)

    ready = fleet.wait_for("Bazaar is up", timeout=120)

    assert "users at http://127.0.0.1:18302" in ready
    assert "notifications at http://127.0.0.1:18307" in ready
    assert "(2 services ready, no gateway)" in ready
    assert health(users) == (200, {"service": "users", "status": "ok", "checks": {"database": "ok"}})
    assert health(notifications)[1]["service"] == "notifications"
    # Each Celery worker connected to RabbitMQ.
    fleet.wait_for("users-worker", " ready.", timeout=60)
    fleet.wait_for("notifications-worker", " ready.", timeout=60)

    started = time.monotonic()
    fleet.popen.send_signal(signal.SIGTERM)
    assert fleet.popen.wait(timeout=20) == 0
    assert time.monotonic() - started < 15
    fleet.wait_for("stopped", timeout=5)
    assert port_is_free(users) and port_is_free(notifications)


def test_a_child_that_dies_during_startup_stops_the_fleet_with_an_error(run_fleet):
    # Settings refuse an unknown environment, so the users web process cannot boot.
    fleet = start("--only", "users", "--no-workers", "--skip-prepare", env={"BAZAAR_ENV": "staging"})
    run_fleet.append(fleet)

    fleet.wait_for("users exited with code", timeout=60)

    assert fleet.popen.wait(timeout=20) == 1
    assert not any("Bazaar is up" in line for line in fleet.seen)
    assert port_is_free(get("users").port + OFFSET)


def test_an_unknown_process_name_is_refused(run_fleet):
    fleet = start("--only", "users,payments")
    run_fleet.append(fleet)

    line = fleet.wait_for("unknown process", timeout=30)

    assert "payments" in line
    assert fleet.popen.wait(timeout=10) == 2
