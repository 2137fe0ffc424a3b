"""Integration tests through the real broker: a fresh RabbitMQ vhost and real worker/relay processes.

A service's own test database (``test_<prefix><service>``, made by pytest-django) is shared
with the processes started here, so tests marked ``django_db(transaction=True)`` see what a
real worker did::

    @pytest.mark.django_db(transaction=True)
    def test_a_registered_user_gets_a_profile(event_processes):
        with event_processes("users_service") as users:
            ...publish in a transaction...
            wait_until(lambda: BuyerProfile.objects.count() == 1)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def rabbitmqctl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["rabbitmqctl", "-q", *args], capture_output=True, text=True, timeout=60, check=False)


def fresh_vhost(name: str, *, timeout: float = 60) -> str:
    """An empty RabbitMQ vhost called ``name`` (deleted first if it exists); its AMQP URL.

    Waits up to ``timeout`` seconds while the broker is (re)starting, as it is right after
    the reliability tests restart it.
    """
    deadline = time.monotonic() + timeout
    while (created := _recreate_vhost(name)).returncode != 0:
        if time.monotonic() > deadline:
            raise RuntimeError(f"rabbitmqctl add_vhost {name} failed: {created.stderr}")
        time.sleep(1)
    rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*")
    return f"amqp://guest:guest@127.0.0.1:5672/{name}"


def _recreate_vhost(name: str) -> subprocess.CompletedProcess[str]:
    rabbitmqctl("delete_vhost", name)
    return rabbitmqctl("add_vhost", name)


def wait_until(condition: Callable[[], object], *, timeout: float = 30, every: float = 0.1, what: str = "") -> None:
    """Poll ``condition`` until it is truthy; ``AssertionError`` naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")
        time.sleep(every)


@dataclass
class ServiceProcess:
    """A child process (worker or relay) of one service, with its output kept for failures."""

    name: str
    command: list[str]
    env: dict[str, str]
    ready_text: str
    process: subprocess.Popen[str] | None = None
    output: list[str] = field(default_factory=list)

    def start(self, timeout: float = 60) -> ServiceProcess:
        ready = threading.Event()
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: kill() reaches the pool children too
        )
        threading.Thread(target=self._pump, args=(self.process, ready), daemon=True).start()
        if not ready.wait(timeout):
            self.stop()
            raise AssertionError(f"{self.name} did not start:\n{self.tail()}")
        return self

    def _pump(self, process: subprocess.Popen[str], ready: threading.Event) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            self.output.append(line)
            if self.ready_text in line:
                ready.set()

    def kill(self) -> None:
        """SIGKILL the whole process group: no cleanup, no acks, as a crash would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 15 s."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, lines: int = 40) -> str:
        return "".join(self.output[-lines:])


def service_env(rabbitmq_url: str, **extra: str) -> dict[str, str]:
    """The environment a child of this test run needs: same test database, given vhost."""
    database = settings.DATABASES["default"]["NAME"]
    service = str(settings.SERVICE_NAME)
    return {
        **os.environ,
        "BAZAAR_ENV": "test",
        "PYTHONUNBUFFERED": "1",
        "POSTGRES_DB_PREFIX": database.removesuffix(service),
        "RABBITMQ_URL": rabbitmq_url,
        **extra,
    }


def worker(package: str, env: dict[str, str]) -> ServiceProcess:
    """The service's real Celery worker (as ``make up`` runs it, without beat)."""
    service = str(settings.SERVICE_NAME)
    command = [
        sys.executable, "-m", "celery", "-A", package, "worker", "-Q", f"{service}.tasks",
        "-c", "1", "--loglevel", "INFO", "-n", f"{service}-test@%h", "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    return ServiceProcess(f"{service} worker", command, env, ready_text="ready.")


def relay(package: str, env: dict[str, str]) -> ServiceProcess:
    """The service's real outbox relay."""
    command = [sys.executable, "-m", "django", "relay_events"]
    env = {**env, "DJANGO_SETTINGS_MODULE": f"{package}.settings"}
    return ServiceProcess(f"{package} relay", command, env, ready_text="relay connected")


@contextmanager
def running(*processes: ServiceProcess) -> Iterator[tuple[ServiceProcess, ...]]:
    """Start ``processes`` in order; stop them all at the end, printing their output on failure."""
    started: list[ServiceProcess] = []
    try:
        for process in processes:
            started.append(process.start())
        yield processes
    except BaseException:
        for process in started:
            print(f"--- {process.name} ---\n{process.tail()}")
        raise
    finally:
        for process in reversed(started):
            process.stop()
