"""``python -m common.fleet.prod`` (``make up-prod``): the fleet with production settings, behind nginx and TLS.

The same fleet as :mod:`common.fleet.up`, run the way production runs it (ADR 0012):

- ``BAZAAR_ENV=production``: no debug, HTTPS-only settings, no default for any secret;
- every secret the environment does not give is generated once into ``.run/prod/secrets``
  and passed as ``NAME_FILE`` (:mod:`common.fleet.secretfiles`);
- nginx (:mod:`common.fleet.nginx`, template ``deploy/nginx.conf.template``) ends TLS on
  ``https://127.0.0.1:8443`` with a certificate made at each start, and forwards to the
  gateway from the one address the gateway trusts (``TRUSTED_PROXIES``);
- the local stand-ins still run, named explicitly (production has no default for
  ``STRIPE_API_BASE`` or ``EMAIL_HOST``); localstripe sends its webhooks through nginx.

Health probes still go to each process over plain HTTP, as an orchestrator's would. The
console is as quiet as ``make up``'s (``--verbose`` prints every line); each process writes
into the same ``.run/logs/`` folder.
"""

from __future__ import annotations

import argparse
import os
import secrets
import ssl
import time
import urllib.error
import urllib.request
from pathlib import Path

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import env_int
from common.fleet import nginx
from common.fleet.commands import HOST, RUN_DIR, ReadyWhen, child_env, localstripe_command, localstripe_store
from common.fleet.console import Console, say
from common.fleet.health import port_is_free
from common.fleet.logfiles import log_dir
from common.fleet.prepare import existing, prepare
from common.fleet.secretfiles import secret_files
from common.fleet.services import FLEET, Process, parse_only, select
from common.fleet.supervisor import Child, Supervisor
from common.fleet.tls import self_signed
from common.fleet.up import (
    StandIns,
    StopRequested,
    check,
    connect_webhook,
    mail_route,
    parse_args,
    payment_route,
    say_where_logs_go,
    start_fleet,
    start_stand_ins,
    supervise,
    wait_until_ready,
)

HTTPS_PORT = 8443
STRIPE_PORT = 8420


def run_dir(offset: int) -> Path:
    """This run's folder: secrets, certificate, nginx's config and temp files (one per fleet)."""
    return RUN_DIR / (f"prod-{offset}" if offset else "prod")


def public_url(offset: int) -> str:
    """Where clients reach the fleet: nginx, over https."""
    return f"https://{HOST}:{HTTPS_PORT + offset}"


def production_env(offset: int, folder: Path, environ: dict[str, str]) -> dict[str, str]:
    """What this run adds to the environment; what the operator set wins, except the proxy's address."""
    defaults = {
        "DJANGO_DEBUG": "false",
        "FRONTEND_URL": public_url(offset),
        # The local stand-ins, named explicitly: production never falls back to them.
        "STRIPE_API_BASE": f"http://{HOST}:{STRIPE_PORT + offset}",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_" + secrets.token_hex(12),
        "EMAIL_HOST": HOST,
    }
    env = {name: value for name, value in defaults.items() if not environ.get(name)}
    env.update(secret_files(folder / "secrets", environ))
    env["BAZAAR_ENV"] = "production"
    env["TRUSTED_PROXIES"] = nginx.PROXY_ADDRESS
    return env


def https_ready(url: str, certificate: Path, timeout: float = 1.0) -> bool:
    """True when ``GET url/health`` answers 200 through nginx, over TLS checked against ``certificate``."""
    context = ssl.create_default_context(cafile=str(certificate))
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout, context=context) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def wait_for_edge(
    supervisor: Supervisor, stop: StopRequested, url: str, certificate: Path, timeout: float
) -> int | None:
    """None once the gateway answers through nginx, else an exit code."""
    deadline = time.monotonic() + timeout
    while not https_ready(url, certificate):
        outcome = check(supervisor, stop, " during startup")
        if outcome is not None:
            return outcome
        if time.monotonic() > deadline:
            say(supervisor.console, f"{url}/health did not answer through nginx within {timeout:.0f}s")
            return 1
        stop.event.wait(0.25)
    return None


def start_localstripe(supervisor: Supervisor, stand_ins: StandIns, offset: int, certificate: Path) -> None:
    """localstripe, trusting the run's certificate: it posts webhooks to the fleet through nginx."""
    payments = stand_ins.payments
    if payments is None or not payments.start_localstripe:
        return
    command = localstripe_command(payments.port, localstripe_store(offset), fresh=offset != 0)
    supervisor.start("localstripe", ["env", f"SSL_CERT_FILE={certificate}", *command], ReadyWhen.LOCALSTRIPE)


def start_edge(supervisor: Supervisor, folder: Path, offset: int, gateway: Process) -> tuple[Child, Path]:
    """A fresh certificate, the rendered config, nginx; nginx's child and the certificate's path."""
    executable = nginx.binary()
    if executable is None:
        raise FileNotFoundError(f"nginx is not installed: run {nginx.INSTALLER}")
    certificate, key = self_signed(folder / "tls")
    edge = nginx.Edge(
        run_dir=folder / "nginx",
        listen=f"{HOST}:{HTTPS_PORT + offset}",
        gateway=f"{HOST}:{gateway.port + offset}",
        certificate=certificate,
        certificate_key=key,
        max_body_bytes=env_int("MAX_BODY_BYTES"),
    )
    return supervisor.start("nginx", nginx.command(executable, nginx.write_config(edge))), certificate


def startup(
    supervisor: Supervisor, stop: StopRequested, processes: list[Process], offset: int, args: argparse.Namespace
) -> int | None:
    """Start everything and wait until it answers through nginx; None when up, else an exit code."""
    console = supervisor.console
    folder = run_dir(offset)
    stand_ins = StandIns(mail_route(processes, offset, console), payment_route(processes, offset, console))
    supervisor.env.update(stand_ins.env())
    gateway = next(p for p in processes if p.name == "gateway")
    edge, certificate = start_edge(supervisor, folder, offset, gateway)
    start_stand_ins(supervisor, StandIns(mail=stand_ins.mail), offset)
    start_localstripe(supervisor, stand_ins, offset, certificate)
    start_fleet(supervisor, processes, offset, workers=not args.no_workers)
    pending = {p.name: p.port + offset for p in processes}
    code = wait_until_ready(supervisor, stop, pending, args.timeout)
    url = public_url(offset)
    if code is None:
        code = wait_for_edge(supervisor, stop, url, certificate, timeout=30)
    if code is None:
        supervisor.mark_ready(edge, f" at {url}")
    if code is None and stand_ins.payments is not None and stand_ins.payments.register_webhook:
        code = connect_webhook(supervisor, stop, stand_ins.payments, url, timeout=30)
    if code is None:
        console.raw(f"Bazaar is up in production mode: {url} (certificate {certificate}, {len(processes)} services)")
    return code


def run(argv: list[str] | None = None) -> int:
    """Prepare, start behind nginx, supervise, stop."""
    args = parse_args(argv)
    console = Console()
    stop = StopRequested()
    offset = env_int("FLEET_PORT_OFFSET") if args.port_offset is None else args.port_offset
    processes = existing(select(parse_only(args.only)), console)
    if args.replicas:
        # nginx forwards to one gateway, and ``make up`` is where replicas are tried out.
        say(console, "the production run starts one of each process: --replicas is for make up")
        return 2
    if not any(p.name == "gateway" for p in processes):
        say(console, "the production run needs the gateway: nginx forwards to it")
        return 2
    busy = [f"{p.name} ({p.port + offset})" for p in processes if not port_is_free(p.port + offset)]
    if not port_is_free(HTTPS_PORT + offset):
        busy.append(f"nginx ({HTTPS_PORT + offset})")
    if busy:
        say(console, f"ports already in use: {', '.join(busy)} (is another fleet running?)")
        return 1
    RUN_DIR.mkdir(exist_ok=True)
    os.environ.update(production_env(offset, run_dir(offset), dict(os.environ)))
    env = child_env(list(FLEET), offset)
    if not args.skip_prepare and not prepare(processes, console, env):
        return 0 if stop.event.is_set() else 1
    logs = log_dir(offset)
    say_where_logs_go(console, logs, args.verbose)
    supervisor = Supervisor(console, env, logs, verbose=args.verbose)
    try:
        code = startup(supervisor, stop, processes, offset, args)
        if code is None:
            code = supervise(supervisor, stop)
    except FileNotFoundError as exc:
        say(console, str(exc))
        code = 1
    finally:
        say(console, "stopping the fleet")
        supervisor.stop_all()
    say(console, "stopped")
    return code


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m common.fleet.prod``."""
    try:
        return run(argv)
    except ValueError as exc:  # an unknown --only name
        Console().line("fleet", str(exc))
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
