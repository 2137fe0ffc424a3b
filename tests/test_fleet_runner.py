"""``python -m common.fleet.up`` on offset ports, against the real PostgreSQL and RabbitMQ."""

from __future__ import annotations

import io
import json
import os
import queue
import signal
import smtplib
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import pytest

from common.fleet.console import Console
from common.fleet.health import port_is_free
from common.fleet.mail import MailRoute, route_mail
from common.fleet.services import FLEET, get, select
from common.fleet.up import mail_route
from common.testing.broker import fresh_vhost

ROOT = Path(__file__).resolve().parents[1]
OFFSET = 10300  # users on 18302, notifications on 18307, the mail sink on 11325
# The runner's own databases and vhost: its workers must not take a developer's events.
ISOLATION = {
    "POSTGRES_DB_PREFIX": "bazaar_fleettest_",
    "RABBITMQ_URL": "amqp://guest:guest@127.0.0.1:5672/bazaar_fleet_test",
}


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


def without_mail_settings(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment without a developer's own SMTP settings (tests decide where mail goes)."""
    return {name: value for name, value in environ.items() if name not in {"EMAIL_HOST", "EMAIL_PORT"}}


def start(*args: str, env: dict[str, str] | None = None) -> Fleet:
    popen = subprocess.Popen(
        [sys.executable, "-m", "common.fleet.up", "--port-offset", str(OFFSET), *args],
        cwd=ROOT,
        env={**without_mail_settings(os.environ), "BAZAAR_ENV": "local", **ISOLATION, **(env or {})},
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


@pytest.fixture(scope="module")
def own_vhost() -> None:
    """An empty vhost for this module's fleets."""
    fresh_vhost(ISOLATION["RABBITMQ_URL"].rsplit("/", 1)[1])


@pytest.fixture
def run_fleet(own_vhost: None) -> Iterator[list[Fleet]]:
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


def test_a_subset_of_the_fleet_comes_up_with_relays_workers_and_beat_and_stops_cleanly_on_sigterm(run_fleet, tmp_path):
    users, notifications = get("users").port + OFFSET, get("notifications").port + OFFSET
    fleet = start("--only", "users,notifications", env={"MAIL_SINK_DIR": str(tmp_path / "mail")})
    run_fleet.append(fleet)

    ready = fleet.wait_for("Bazaar is up", timeout=120)

    assert "users at http://127.0.0.1:18302" in ready
    assert "notifications at http://127.0.0.1:18307" in ready
    assert "(2 services ready, no gateway)" in ready
    assert health(users) == (200, {"service": "users", "status": "ok", "checks": {"database": "ok"}})
    assert health(notifications)[1]["service"] == "notifications"
    # Each outbox relay and each Celery worker connected to RabbitMQ; notifications' runs beat.
    fleet.wait_for("users-relay", "relay connected to", timeout=30)
    fleet.wait_for("notifications-relay", "relay connected to", timeout=30)
    fleet.wait_for("users-worker", " ready.", timeout=60)
    fleet.wait_for("notifications-worker", " ready.", timeout=60)
    fleet.wait_for("notifications-worker", "beat: Starting...", timeout=5)
    assert not any("users-worker" in line and "beat: Starting" in line for line in fleet.seen)
    # Its own schedule file, apart from the one of a developer's fleet (offset 0).
    assert list((ROOT / ".run").glob(f"celerybeat-notifications-{OFFSET}*"))
    # The banner lists the queues Celery consumes; <name>.events is read by the event bridge.
    queues = [line.split("|", 1) for line in fleet.seen if ".> " in line and "exchange=" in line]
    assert sorted((name.strip(), text.split()[1]) for name, text in queues) == [
        ("notifications-worker", "notifications.tasks"),
        ("users-worker", "users.tasks"),
    ]

    started = time.monotonic()
    fleet.popen.send_signal(signal.SIGTERM)
    assert fleet.popen.wait(timeout=20) == 0
    assert time.monotonic() - started < 15
    fleet.wait_for("stopped", timeout=5)
    assert port_is_free(users) and port_is_free(notifications)


def test_the_mail_sink_runs_on_the_offset_port_and_keeps_each_mail_as_an_eml_file(run_fleet, tmp_path):
    mail_dir = tmp_path / "mail"
    fleet = start("--only", "notifications", "--no-workers", env={"MAIL_SINK_DIR": str(mail_dir)})
    run_fleet.append(fleet)
    fleet.wait_for("Bazaar is up", timeout=120)
    fleet.wait_for("mailsink", "mail sink listening on 127.0.0.1:11325", timeout=10)

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "no-reply@bazaar.local", "dora@example.com", "Hello Dora"
    message.set_content("Welcome to Bazaar")
    with smtplib.SMTP("127.0.0.1", 1025 + OFFSET, timeout=5) as smtp:
        smtp.send_message(message)

    line = fleet.wait_for("mailsink", "mail to dora@example.com: Hello Dora → ", timeout=10)
    (eml,) = mail_dir.iterdir()
    assert line.rstrip().endswith(str(eml))
    assert eml.name.endswith("-dora@example.com.eml")
    assert "mail sink on 127.0.0.1:11325 writes every email to" in fleet.wait_for("fleet", "mail sink on", timeout=1)


def test_a_child_that_dies_during_startup_stops_the_fleet_with_an_error(run_fleet):
    # Settings refuse an unknown environment, so neither the users web process nor its relay can boot.
    fleet = start("--only", "users", "--no-workers", "--skip-prepare", env={"BAZAAR_ENV": "staging"})
    run_fleet.append(fleet)

    line = fleet.wait_for("exited with code", "during startup: stopping the fleet", timeout=60)

    assert line.split("|", 1)[1].split()[0] in {"users", "users-relay"}  # whichever died first
    assert fleet.popen.wait(timeout=20) == 1
    assert not any("Bazaar is up" in line for line in fleet.seen)
    assert port_is_free(get("users").port + OFFSET)


def test_an_unknown_process_name_is_refused(run_fleet):
    fleet = start("--only", "users,payments")
    run_fleet.append(fleet)

    line = fleet.wait_for("unknown process", timeout=30)

    assert "payments" in line
    assert fleet.popen.wait(timeout=10) == 2


# --- where mail goes (decided before anything starts) ------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_remote_smtp_server_gets_the_mail_as_configured_and_no_sink_starts(monkeypatch):
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.com")
    monkeypatch.setenv("EMAIL_PORT", "587")

    route = route_mail(port_offset=OFFSET)

    assert route == MailRoute("smtp.example.com", 587, start_sink=False, note=route.note)
    assert route.note == "mail goes to smtp.example.com:587 (no local mail sink)"
    assert route.env() == {"EMAIL_HOST": "smtp.example.com", "EMAIL_PORT": "587"}


def test_the_sink_port_moves_with_the_port_offset_when_email_port_is_not_set(monkeypatch):
    monkeypatch.setenv("EMAIL_HOST", "localhost")
    monkeypatch.delenv("EMAIL_PORT", raising=False)
    monkeypatch.setenv("MAIL_SINK_DIR", ".run/mail")
    offset = free_port() - 1025

    route = route_mail(port_offset=offset)

    assert (route.host, route.port, route.start_sink) == ("localhost", 1025 + offset, True)
    assert route.note == f"mail sink on localhost:{1025 + offset} writes every email to .run/mail/"
    assert route.env() == {"EMAIL_HOST": "localhost", "EMAIL_PORT": str(1025 + offset)}


def test_an_smtp_server_already_listening_on_email_port_gets_the_mail_and_no_sink_starts(monkeypatch):
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        monkeypatch.setenv("EMAIL_HOST", "127.0.0.1")
        monkeypatch.setenv("EMAIL_PORT", str(port))

        route = route_mail(port_offset=OFFSET)  # a port that is set is taken as it is

    assert (route.port, route.start_sink) == (port, False)
    assert route.note == f"something already listens on 127.0.0.1:{port}: mail goes there, no mail sink started"


def test_a_run_without_the_notifications_service_needs_no_mail_route():
    console = Console(io.StringIO())

    assert mail_route(select(["users", "gateway"]), OFFSET, console) is None
    assert console.stream.getvalue() == ""
    assert [process.name for process in FLEET if process.sends_mail] == ["notifications"]
    assert [process.name for process in FLEET if process.runs_beat] == ["auth", "gigs", "notifications"]
