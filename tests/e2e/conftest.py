"""The real fleet, started once per test session on its own ports and databases."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
PORT_OFFSET = 30000
READY_LINE = "Bazaar is up"
# Its own Redis database, emptied at start: rate-limit counters of other runs on this
# machine (benchmarks, other suites) must not leak into these tests.
REDIS_URL = "redis://127.0.0.1:6379/5"


@dataclass
class Fleet:
    """A running subset of the fleet and what it printed."""

    process: subprocess.Popen[str]
    gateway_url: str
    output: list[str] = field(default_factory=list)

    def client(self) -> httpx.Client:
        """A fresh HTTP client (own cookie jar) talking to the gateway."""
        return httpx.Client(base_url=self.gateway_url, timeout=10)


def _pump(fleet: Fleet, ready: threading.Event) -> None:
    assert fleet.process.stdout is not None
    for line in fleet.process.stdout:
        fleet.output.append(line)
        if READY_LINE in line:
            ready.set()


def start_fleet(only: str, *, timeout: float = 120) -> Fleet:
    """Start ``python -m common.fleet.up --only <only>`` and wait for its ready line."""
    env = {
        **os.environ,
        "BAZAAR_ENV": "local",
        "POSTGRES_DB_PREFIX": "bazaar_e2e_",
        "FLEET_PORT_OFFSET": str(PORT_OFFSET),
        "REDIS_URL": REDIS_URL,
    }
    redis.Redis.from_url(REDIS_URL).flushdb()
    process = subprocess.Popen(
        [sys.executable, "-m", "common.fleet.up", "--only", only],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    fleet = Fleet(process, f"http://127.0.0.1:{8000 + PORT_OFFSET}")
    ready = threading.Event()
    threading.Thread(target=_pump, args=(fleet, ready), daemon=True).start()
    deadline = time.monotonic() + timeout
    while not ready.wait(0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_fleet(fleet)
            pytest.fail("the fleet did not start:\n" + "".join(fleet.output[-60:]))
    return fleet


def stop_fleet(fleet: Fleet) -> None:
    """SIGTERM, as Ctrl-C would; the runner stops its children."""
    if fleet.process.poll() is None:
        fleet.process.send_signal(signal.SIGTERM)
        try:
            fleet.process.wait(30)
        except subprocess.TimeoutExpired:
            fleet.process.kill()


@pytest.fixture(scope="session")
def fleet() -> Iterator[Fleet]:
    """The gateway and the auth service, running for real."""
    running = start_fleet("gateway,auth")
    yield running
    stop_fleet(running)


@pytest.fixture
def new_account() -> dict[str, str]:
    """Signup fields of an account nobody has used yet."""
    name = "e2e" + uuid.uuid4().hex[:10]
    return {"username": name, "email": f"{name}@example.com", "password": "correct horse battery 9", "country": "Peru"}
