"""``python -m common.fleet.up``: the whole fleet in the foreground, stopped cleanly by Ctrl-C.

Creates the databases, migrates, starts every web process, outbox relay, Celery worker and
Celery beat (and the local stand-ins: the mail sink, see :mod:`common.fleet.mail`, and
localstripe, see :mod:`common.fleet.payments`), says each one ready (a web process once its
``/health`` answers, the others once they print so), prints one line once all are and
localstripe knows the fleet's webhook, and on SIGINT/SIGTERM/SIGHUP stops every
child (SIGTERM, then SIGKILL after a grace period) and exits 0. A child that dies stops the
whole fleet with exit code 1. However it exits, even SIGKILLed, nothing it started is left
running (:mod:`common.fleet.supervisor`).

Quiet unless ``--verbose``: the console shows the runner's own lines, each process's
warnings and errors and its ready line; everything each process writes goes to its file in
``.run/logs/`` (:mod:`common.fleet.logfiles`).
"""

from __future__ import annotations

import argparse
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import env_int, env_str
from common.fleet.commands import (
    HOST,
    RUN_DIR,
    ReadyWhen,
    beat_command,
    child_env,
    localstripe_command,
    localstripe_store,
    mail_sink_command,
    relay_command,
    web_command,
    worker_command,
)
from common.fleet.console import Console, say
from common.fleet.health import is_ready, port_is_free
from common.fleet.logfiles import log_dir
from common.fleet.mail import MailRoute, route_mail
from common.fleet.payments import PaymentRoute, fleet_webhook, register_webhook, route_payments
from common.fleet.prepare import existing, prepare
from common.fleet.replicas import check_started, parse_replicas, replica_name, replica_port, shares_port, web_ports
from common.fleet.services import FLEET, ROOT, Process, parse_only, select
from common.fleet.supervisor import Supervisor


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m common.fleet.up", description="Run the Bazaar fleet.")
    parser.add_argument("--only", default="", help="comma-separated process names to start (default: all)")
    parser.add_argument(
        "--port-offset", type=int, default=None, help="added to every port (default: FLEET_PORT_OFFSET)"
    )
    parser.add_argument(
        "--replicas", default="", help="NAME=N,...: N web processes, outbox relays and workers of each (default: 1)"
    )
    parser.add_argument("--no-workers", action="store_true", help="start web processes only, no Celery workers or beat")
    parser.add_argument("--skip-prepare", action="store_true", help="no database creation, migrate or collectstatic")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds to wait for every process to be ready")
    parser.add_argument(
        "--verbose", action="store_true", help="print every line of every process (else: warnings, errors, readiness)"
    )
    return parser.parse_args(argv)


class StopRequested:
    """Set by SIGINT/SIGTERM, and SIGHUP (the terminal closed); the main loop checks it."""

    def __init__(self) -> None:
        self.event = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._handle)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.event.set()


@dataclass(frozen=True)
class StandIns:
    """Where mail and payments go; None for what no process of this run needs."""

    mail: MailRoute | None = None
    payments: PaymentRoute | None = None

    def env(self) -> dict[str, str]:
        """What the children are told about them."""
        return {**(self.mail.env() if self.mail else {}), **(self.payments.env() if self.payments else {})}


def start_stand_ins(supervisor: Supervisor, stand_ins: StandIns, offset: int) -> None:
    """Start the mail sink and localstripe where their routes say so."""
    mail, payments = stand_ins.mail, stand_ins.payments
    if mail is not None and mail.start_sink:
        supervisor.start("mailsink", mail_sink_command(mail.port, env_str("MAIL_SINK_DIR")), ReadyWhen.MAIL_SINK)
    if payments is not None and payments.start_localstripe:
        # A developer's fleet keeps its payments across restarts (refunds of earlier orders
        # work); a fleet on an offset (tests) starts empty.
        command = localstripe_command(payments.port, localstripe_store(offset), fresh=offset != 0)
        supervisor.start("localstripe", command, ReadyWhen.LOCALSTRIPE)


def start_fleet(
    supervisor: Supervisor, processes: list[Process], offset: int, workers: bool, counts: dict[str, int] | None = None
) -> None:
    """Start every web process, outbox relay and (unless disabled) worker, ``counts[name]`` times each, and beat once."""
    for process in processes:
        count = (counts or {}).get(process.name, 1)
        for replica in range(1, count + 1):
            start_replica(supervisor, process, replica, count, offset, workers)
        if workers and process.has_worker and process.has_celery_app() and process.runs_beat:
            supervisor.start(f"{process.name}-beat", beat_command(process, offset), ReadyWhen.BEAT)
        elif workers and process.has_worker and not process.has_celery_app():
            say(
                supervisor.console,
                f"warning: no worker for {process.name}: {process.package}/celery.py does not exist yet",
            )


def start_replica(
    supervisor: Supervisor, process: Process, replica: int, count: int, offset: int, workers: bool
) -> None:
    """One copy of a process's web server, relay and worker (common/fleet/replicas.py)."""
    port = replica_port(process, replica) + offset
    supervisor.start(
        replica_name(process.name, replica), web_command(process, port, reuse_port=shares_port(process, count))
    )
    if process.has_database:
        supervisor.start(replica_name(f"{process.name}-relay", replica), relay_command(process), ReadyWhen.RELAY)
    if workers and process.has_worker and process.has_celery_app():
        name = replica_name(f"{process.name}-worker", replica)
        supervisor.start(name, worker_command(process, replica), ReadyWhen.WORKER)


def mail_route(processes: list[Process], offset: int, console: Console) -> MailRoute | None:
    """Where mail goes, said once; None when no process of this run sends mail."""
    if not any(process.sends_mail for process in processes):
        return None
    route = route_mail(offset)
    say(console, route.note)
    return route


def payment_route(processes: list[Process], offset: int, console: Console) -> PaymentRoute | None:
    """Where payments go, said once; None when no process of this run takes payments."""
    if not any(process.takes_payments for process in processes):
        return None
    route = route_payments(offset)
    say(console, route.note)
    return route


def connect_webhook(
    supervisor: Supervisor, stop: StopRequested, payments: PaymentRoute, gateway_url: str, timeout: float
) -> int | None:
    """Register the fleet's webhook once localstripe answers; None when done or not needed, else an exit code."""
    webhook = fleet_webhook(gateway_url)
    deadline = time.monotonic() + timeout
    while not register_webhook(payments.api_base, webhook):
        outcome = check(supervisor, stop, " during startup")
        if outcome is not None:
            return outcome
        if time.monotonic() > deadline:
            say(supervisor.console, f"{payments.api_base} did not take the webhook within {timeout:.0f}s")
            # Our own localstripe must answer; a server found there may be no localstripe at all.
            return 1 if payments.start_localstripe else None
        stop.event.wait(0.25)
    say(supervisor.console, f"{payments.api_base} sends payment events to {webhook.url}")
    return None


def connect_stand_ins(
    supervisor: Supervisor, stop: StopRequested, stand_ins: StandIns, processes: list[Process], env: dict[str, str]
) -> int | None:
    """Once the fleet answers: give localstripe the fleet's webhook (only the gateway can receive it)."""
    payments = stand_ins.payments
    if payments is None or not payments.register_webhook:
        return None
    if not any(process.name == "gateway" for process in processes):
        # Placing an order still asks the provider directly whether the payment succeeded.
        say(supervisor.console, "no gateway in this run: no webhook registered with the payment provider")
        return None
    timeout = 30 if payments.start_localstripe else 3
    return connect_webhook(supervisor, stop, payments, env["GATEWAY_URL"], timeout=timeout)


def ready_line(processes: list[Process], offset: int, counts: dict[str, int] | None = None) -> str:
    """The one line that says the fleet is up."""
    count = f"{len(processes)} service{'s' if len(processes) != 1 else ''} ready"
    entry = next((p for p in processes if p.name == "gateway"), None)
    if entry is not None:
        replicas = range(1, (counts or {}).get(entry.name, 1) + 1)
        urls = " and ".join(f"http://{HOST}:{replica_port(entry, r) + offset}" for r in replicas)
        return f"Bazaar is up: gateway at {urls} ({count})"
    where = ", ".join(f"{p.name} at http://{HOST}:{p.port + offset}" for p in processes)
    return f"Bazaar is up: {where} ({count}, no gateway)"


def check(supervisor: Supervisor, stop: StopRequested, phase: str) -> int | None:
    """0 once a stop is requested, 1 once a child died, None while all is well."""
    if stop.event.is_set():
        return 0
    dead = supervisor.first_exited()
    if dead is None:
        return None
    supervisor.show_last_lines(dead)
    log = supervisor.log_of(dead.name)
    say(
        supervisor.console,
        f"{dead.name} exited with code {dead.returncode}{phase}: stopping the fleet (its log: {log})",
    )
    return 1


def wait_until_ready(
    supervisor: Supervisor, stop: StopRequested, pending: dict[str, int], timeout: float
) -> int | None:
    """Until every child is ready: each web process in ``pending`` (name → port) answers ``/health``
    and every other child printed its ready text; None then, else an exit code."""
    web = {child.name: child for child in supervisor.children if child.name in pending}
    deadline = time.monotonic() + timeout
    while pending or supervisor.not_ready():
        outcome = check(supervisor, stop, " during startup")
        if outcome is not None:
            return outcome
        for name, port in list(pending.items()):
            if is_ready(port):
                del pending[name]
                supervisor.mark_ready(web[name], f" at http://{HOST}:{port}")
        late = [*pending, *(child.name for child in supervisor.not_ready())]
        if late and time.monotonic() > deadline:
            say(supervisor.console, f"not ready after {timeout:.0f}s: {', '.join(late)}; stopping the fleet")
            return 1
        stop.event.wait(0.25)
    return None


def say_where_logs_go(console: Console, logs: Path, verbose: bool) -> None:
    """Once at start: where every line goes, and how to see them."""
    files = f"{logs.relative_to(ROOT) if logs.is_relative_to(ROOT) else logs}/<process>.log"
    if verbose:
        say(console, f"every line of every process, here and in {files}")
        return
    say(console, f"warnings and errors here; every line in {files} (make logs SERVICE=<name>)")


def supervise(supervisor: Supervisor, stop: StopRequested) -> int:
    """Wait until a stop is requested (0) or a child dies (1)."""
    while (outcome := check(supervisor, stop, "")) is None:
        stop.event.wait(1.0)
    return outcome


def run(args: argparse.Namespace) -> int:
    """Prepare, start, wait for readiness, supervise, stop."""
    console = Console()
    stop = StopRequested()
    offset = env_int("FLEET_PORT_OFFSET") if args.port_offset is None else args.port_offset
    processes = existing(select(parse_only(args.only)), console)
    if not processes:
        say(console, "nothing to start")
        return 2
    counts = parse_replicas(args.replicas)
    check_started(counts, processes)
    listening = web_ports(processes, counts, offset)
    busy = [f"{name} ({port})" for name, port in listening.items() if not port_is_free(port)]
    if busy:
        say(console, f"ports already in use: {', '.join(busy)} (is another fleet running?)")
        return 1
    stand_ins = StandIns(mail_route(processes, offset, console), payment_route(processes, offset, console))
    env = {**child_env(list(FLEET), offset), **stand_ins.env()}
    if not args.skip_prepare:
        prepared = prepare(processes, console, env)
        if stop.event.is_set():
            return 0
        if not prepared:
            return 1
    RUN_DIR.mkdir(exist_ok=True)
    logs = log_dir(offset)
    say_where_logs_go(console, logs, args.verbose)
    supervisor = Supervisor(console, env, logs, verbose=args.verbose)
    try:
        start_stand_ins(supervisor, stand_ins, offset)
        start_fleet(supervisor, processes, offset, workers=not args.no_workers, counts=counts)
        code = wait_until_ready(supervisor, stop, dict(listening), args.timeout)
        if code is None:
            code = connect_stand_ins(supervisor, stop, stand_ins, processes, env)
        if code is None:
            console.raw(ready_line(processes, offset, counts))
            code = supervise(supervisor, stop)
    finally:
        say(console, "stopping the fleet")
        supervisor.stop_all()
    say(console, "stopped")
    return code


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m common.fleet.up``."""
    try:
        return run(parse_args(argv))
    except ValueError as exc:  # an unknown --only name, a wrong --replicas
        Console().line("fleet", str(exc))
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
