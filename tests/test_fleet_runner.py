"""``python -m common.fleet.up`` on offset ports, against the real PostgreSQL and RabbitMQ."""

from __future__ import annotations

import http.server
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
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import pytest
import stripe

from common.fleet.commands import localstripe_command, localstripe_store
from common.fleet.console import Console
from common.fleet.health import port_is_free
from common.fleet.logfiles import log_dir
from common.fleet.mail import MailRoute, route_mail
from common.fleet.payments import PaymentRoute, Webhook, fleet_webhook, register_webhook, route_payments
from common.fleet.services import FLEET, get, select
from common.fleet.up import mail_route, payment_route
from common.testing.broker import fresh_vhost

ROOT = Path(__file__).resolve().parents[1]
OFFSET = 10300  # users on 18302, notifications on 18307, the mail sink on 11325, localstripe on 18720
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
    """The environment without a developer's own SMTP and Stripe settings (tests decide where they go)."""
    return {
        name: value for name, value in environ.items() if name not in {"EMAIL_HOST", "EMAIL_PORT", "STRIPE_API_BASE"}
    }


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


def logged(process: str) -> str:
    """Everything ``process`` of the fleet on ``OFFSET`` wrote into its log file so far."""
    return (log_dir(OFFSET) / f"{process}.log").read_text()


def wait_for_line(process: str, text: str, *, timeout: float) -> str:
    """The first line of ``process``'s log file that contains ``text``, written so far or within ``timeout``."""
    deadline = time.monotonic() + timeout
    while not (found := [line for line in logged(process).splitlines() if text in line]):
        assert time.monotonic() < deadline, f"{text!r} not in {process}'s log:\n{logged(process)[-3000:]}"
        time.sleep(0.2)
    return found[0]


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
    # Each process said once that it is ready, before the ready line: each web process
    # answers, each outbox relay and each Celery worker connected to RabbitMQ, beat runs
    # as a process of its own, only for the service with periodic tasks.
    assert said_ready(fleet) == {
        "users": " at http://127.0.0.1:18302",
        "users-relay": "",
        "users-worker": "",
        "notifications": " at http://127.0.0.1:18307",
        "notifications-relay": "",
        "notifications-worker": "",
        "notifications-beat": "",
        "mailsink": "",
    }
    # What each process says goes to its own file, not to the console.
    logs = log_dir(OFFSET)
    assert "relay connected to" in (logs / "users-relay.log").read_text()
    assert " ready." in (logs / "users-worker.log").read_text()
    assert "beat: Starting..." in (logs / "notifications-beat.log").read_text()
    assert not any("beat: Starting" in line or "relay connected to" in line for line in fleet.seen)
    # Its own schedule file, apart from the one of a developer's fleet (offset 0).
    assert list((ROOT / ".run").glob(f"celerybeat-notifications-{OFFSET}*"))
    # The banner lists the queues Celery consumes; <name>.events is read by the event bridge.
    banners = {name: (logs / f"{name}-worker.log").read_text().splitlines() for name in ("users", "notifications")}
    queues = {
        name: [line.split()[1] for line in lines if ".> " in line and "exchange=" in line]
        for name, lines in banners.items()
    }
    assert queues == {"users": ["users.tasks"], "notifications": ["notifications.tasks"]}

    started = time.monotonic()
    fleet.popen.send_signal(signal.SIGTERM)
    assert fleet.popen.wait(timeout=20) == 0
    assert time.monotonic() - started < 15
    fleet.wait_for("stopped", timeout=5)
    assert port_is_free(users) and port_is_free(notifications)


def said_ready(fleet: Fleet) -> dict[str, str]:
    """Process name → what follows "ready" on its line, for every process said ready before the ready line."""
    before = fleet.seen[: next(i for i, line in enumerate(fleet.seen) if "Bazaar is up" in line)]
    pairs = [line.split("|", 1) for line in before if "|" in line]
    return {
        name.strip(): text.strip().removeprefix("ready")
        for name, text in pairs
        if text.strip().startswith("ready") and name.strip() != "fleet"
    }


def test_a_verbose_fleet_prints_every_line_of_every_process_and_still_writes_them_to_the_files(run_fleet):
    fleet = start("--only", "users", "--no-workers", "--verbose")
    run_fleet.append(fleet)

    fleet.wait_for("Bazaar is up", timeout=120)

    relay = fleet.wait_for("users-relay", "relay connected to", timeout=1)
    gunicorn = fleet.wait_for("users ", "Listening at: http://127.0.0.1:18302", timeout=1)
    logs = log_dir(OFFSET)
    assert relay.split("|", 1)[1].strip() in (logs / "users-relay.log").read_text().splitlines()
    assert gunicorn.split("|", 1)[1].strip() in (logs / "users.log").read_text().splitlines()


def test_the_mail_sink_runs_on_the_offset_port_and_keeps_each_mail_as_an_eml_file(run_fleet, tmp_path):
    mail_dir = tmp_path / "mail"
    fleet = start("--only", "notifications", "--no-workers", env={"MAIL_SINK_DIR": str(mail_dir)})
    run_fleet.append(fleet)
    fleet.wait_for("Bazaar is up", timeout=120)
    assert "mail sink listening on 127.0.0.1:11325" in logged("mailsink")

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "no-reply@bazaar.local", "dora@example.com", "Hello Dora"
    message.set_content("Welcome to Bazaar")
    with smtplib.SMTP("127.0.0.1", 1025 + OFFSET, timeout=5) as smtp:
        smtp.send_message(message)

    line = wait_for_line("mailsink", "mail to dora@example.com: Hello Dora → ", timeout=10)
    (eml,) = mail_dir.iterdir()
    assert line.endswith(str(eml))
    assert eml.name.endswith("-dora@example.com.eml")
    assert "mail sink on 127.0.0.1:11325 writes every email to" in fleet.wait_for("fleet", "mail sink on", timeout=1)


def test_localstripe_runs_on_the_offset_port_for_the_orders_service_and_knows_the_gateways_webhook(run_fleet):
    fleet = start("--only", "gateway,orders", "--no-workers")
    run_fleet.append(fleet)

    fleet.wait_for("Bazaar is up", timeout=120)

    base = f"http://127.0.0.1:{8420 + OFFSET}"
    webhook = f"http://127.0.0.1:{8000 + OFFSET}/api/v1/orders/webhooks/stripe"
    assert (
        fleet.wait_for("fleet", "localstripe (a local fake Stripe) on", timeout=1)
        .rstrip()
        .endswith(f"on {base} takes every payment")
    )
    listening = wait_for_line("localstripe", f"localstripe listening on {base}", timeout=1)
    fleet.wait_for("fleet", f"{base} sends payment events to {webhook}", timeout=1)
    # A fleet on an offset starts empty, in its own file.
    assert str(ROOT / ".run" / f"localstripe-{OFFSET}.pickle") in listening
    # The webhook is registered before the ready line.
    lines = [line for line in fleet.seen if "sends payment events" in line or "Bazaar is up" in line]
    assert "sends payment events" in lines[0]
    assert stripe_call(8420 + OFFSET, "/v1/payment_intents", {"amount": "500", "currency": "usd"})[0] == 200
    # The orders service was told where localstripe listens (it hands the base to clients).
    with urllib.request.urlopen(f"http://127.0.0.1:{8000 + OFFSET}/api/v1/orders/payment-config", timeout=5) as answer:
        assert json.loads(answer.read())["api_base"] == base


def test_a_server_on_the_stripe_port_that_is_no_localstripe_gets_the_payments_and_the_fleet_still_comes_up(run_fleet):
    base = f"http://127.0.0.1:{8420 + OFFSET}"
    # An earlier test's localstripe may still be letting go of the port (or left it in TIME_WAIT).
    deadline = time.monotonic() + 15
    while not port_is_free(8420 + OFFSET) and time.monotonic() < deadline:
        time.sleep(0.2)
    with socket.socket() as squatter:  # accepts connections, never answers
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", 8420 + OFFSET))
        squatter.listen()
        fleet = start("--only", "gateway,orders", "--no-workers")
        run_fleet.append(fleet)

        fleet.wait_for("Bazaar is up", timeout=120)

    said = [line.split("|", 1)[1].strip() for line in fleet.seen if line.startswith("fleet ")]
    assert f"something already listens on {base}: payments go there, no localstripe started" in said
    assert f"{base} did not take the webhook within 3s" in said
    assert not any(line.startswith("localstripe ") for line in fleet.seen)


def test_a_child_that_dies_during_startup_stops_the_fleet_with_an_error(run_fleet):
    # Settings refuse an unknown environment, so neither the users web process nor its relay can boot.
    fleet = start("--only", "users", "--no-workers", "--skip-prepare", env={"BAZAAR_ENV": "staging"})
    run_fleet.append(fleet)

    line = fleet.wait_for("exited with code", "during startup: stopping the fleet", timeout=60)

    dead = line.split("|", 1)[1].split()[0]
    assert dead in {"users", "users-relay"}  # whichever died first
    assert line.rstrip().endswith(f"(its log: {log_dir(OFFSET) / dead}.log)")
    # Why it stopped: the quiet console shows the last lines of its log first.
    reason = "refusing to start: BAZAAR_ENV must be local, test or production, got 'staging'"
    last = fleet.seen[fleet.seen.index(line) - 1]
    assert last.startswith(f"{dead} ") and reason in last
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
    assert [process.name for process in FLEET if process.runs_beat] == ["auth", "gigs", "orders", "notifications"]


# --- where payments go (decided before anything starts) ----------------------------------


def test_a_remote_stripe_api_gets_the_payments_as_configured_and_no_localstripe_starts(monkeypatch):
    monkeypatch.setenv("STRIPE_API_BASE", "https://api.stripe.com")

    route = route_payments(port_offset=OFFSET)

    assert route == PaymentRoute("https://api.stripe.com", False, False, route.note)
    assert route.note == "payments go to https://api.stripe.com (no localstripe)"
    assert route.env() == {"STRIPE_API_BASE": "https://api.stripe.com"}


def test_localstripe_port_moves_with_the_port_offset_when_stripe_api_base_is_not_set(monkeypatch):
    monkeypatch.delenv("STRIPE_API_BASE", raising=False)
    offset = free_port() - 8420

    route = route_payments(port_offset=offset)

    base = f"http://127.0.0.1:{8420 + offset}"
    assert route == PaymentRoute(base, start_localstripe=True, register_webhook=True, note=route.note)
    assert route.port == 8420 + offset
    assert route.note == f"localstripe (a local fake Stripe) on {base} takes every payment"
    assert route.env() == {"STRIPE_API_BASE": base}  # the children pay where it listens


def test_a_stripe_api_already_listening_gets_the_payments_and_the_webhook_and_no_localstripe_starts(monkeypatch):
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        monkeypatch.setenv("STRIPE_API_BASE", f"http://localhost:{port}/")

        route = route_payments(port_offset=OFFSET)  # a base that is set is taken as it is

    assert (route.api_base, route.start_localstripe, route.register_webhook) == (
        f"http://localhost:{port}",
        False,
        True,
    )
    assert (
        route.note == f"something already listens on http://localhost:{port}: payments go there, no localstripe started"
    )


def test_a_run_without_the_orders_service_needs_no_payment_route():
    console = Console(io.StringIO())

    assert payment_route(select(["users", "gateway", "notifications"]), OFFSET, console) is None
    assert console.stream.getvalue() == ""
    assert [process.name for process in FLEET if process.takes_payments] == ["orders"]


def test_the_fleet_webhook_is_the_gateway_route_to_orders_signed_with_the_webhook_secret(monkeypatch):
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_test_fleet")

    webhook = fleet_webhook("http://127.0.0.1:18300/")

    assert webhook == Webhook(
        "bazaar-18300", "http://127.0.0.1:18300/api/v1/orders/webhooks/stripe", "whsec_test_fleet"
    )
    assert webhook.form() == {
        "url": "http://127.0.0.1:18300/api/v1/orders/webhooks/stripe",
        "secret": "whsec_test_fleet",
        "events": ["payment_intent.succeeded", "payment_intent.payment_failed"],
    }


def test_a_developers_localstripe_keeps_its_store_and_a_test_fleets_starts_empty_in_its_own_file():
    developer = localstripe_command(8420, localstripe_store(0), fresh=False)
    tests = localstripe_command(8420 + OFFSET, localstripe_store(OFFSET), fresh=True)

    assert developer[1:] == [
        "-m", "common.fleet.fakestripe", "--host", "127.0.0.1", "--port", "8420",
        "--store", str(ROOT / ".run" / "localstripe.pickle"),
    ]  # fmt: skip
    assert tests[-3:] == ["--store", str(ROOT / ".run" / f"localstripe-{OFFSET}.pickle"), "--fresh"]


# --- localstripe itself (common/fleet/fakestripe.py) -------------------------------------


def start_localstripe(port: int, store: Path, *args: str) -> subprocess.Popen[str]:
    """localstripe on ``port``, answering once this returns."""
    popen = subprocess.Popen(
        [sys.executable, "-m", "common.fleet.fakestripe", "--port", str(port), "--store", str(store), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 15
    while port_is_free(port):
        assert popen.poll() is None and time.monotonic() < deadline, "localstripe did not start"
        time.sleep(0.1)
    return popen


def stripe_call(port: int, path: str, form: dict[str, str] | None = None) -> tuple[int, dict[str, object]]:
    """One call to localstripe's Stripe API with a test secret key."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data)
    request.add_header("Authorization", "Bearer sk_test_fleet")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_localstripe_listens_on_loopback_keeps_its_objects_in_its_store_across_restarts_and_fresh_forgets_them(
    tmp_path,
):
    port, store = free_port(), tmp_path / "localstripe.pickle"
    first = start_localstripe(port, store)
    try:
        status, intent = stripe_call(port, "/v1/payment_intents", {"amount": "12700", "currency": "usd"})
        assert status == 200
        assert register_webhook(f"http://127.0.0.1:{port}", fleet_webhook("http://127.0.0.1:18300"))
    finally:
        first.terminate()
        assert first.wait(10) == 0
    assert store.is_file()

    again = start_localstripe(port, store)
    try:
        assert stripe_call(port, f"/v1/payment_intents/{intent['id']}") == (200, intent)
    finally:
        again.terminate()
        again.wait(10)
    fresh = start_localstripe(port, store, "--fresh")
    try:
        assert stripe_call(port, f"/v1/payment_intents/{intent['id']}")[0] == 404
    finally:
        fresh.terminate()
        fresh.wait(10)


def test_a_webhook_is_not_registered_while_nothing_answers():
    assert register_webhook(f"http://127.0.0.1:{free_port()}", fleet_webhook("http://127.0.0.1:18300")) is False


class Receiver(http.server.BaseHTTPRequestHandler):
    """Keeps every POST it receives (path, Stripe-Signature, body) on its server."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.put((self.path, self.headers["Stripe-Signature"], body))  # type: ignore[attr-defined]
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_localstripe_told_a_gateway_url_posts_signed_payment_events_to_the_orders_webhook(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_test_fleet")
    gateway = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    gateway.received = queue.Queue()  # type: ignore[attr-defined]
    threading.Thread(target=gateway.serve_forever, daemon=True).start()
    port = free_port()
    localstripe = start_localstripe(
        port, tmp_path / "s.pickle", "--fresh", "--webhook", f"http://127.0.0.1:{gateway.server_port}"
    )
    try:
        card = {
            "type": "card",
            "card[number]": "4242424242424242",
            "card[exp_month]": "12",
            "card[exp_year]": "2030",
            "card[cvc]": "123",
        }
        _, method = stripe_call(port, "/v1/payment_methods", card)
        _, intent = stripe_call(
            port,
            "/v1/payment_intents",
            {"amount": "12700", "currency": "usd", "payment_method": str(method["id"]), "confirm": "true"},
        )

        path, signature, body = gateway.received.get(timeout=10)
    finally:
        localstripe.terminate()
        localstripe.wait(10)
        gateway.shutdown()

    assert intent["status"] == "succeeded"
    assert path == "/api/v1/orders/webhooks/stripe"
    event = stripe.Webhook.construct_event(body, signature, "whsec_test_fleet")
    assert (event["type"], event["data"]["object"]["id"]) == ("payment_intent.succeeded", intent["id"])
