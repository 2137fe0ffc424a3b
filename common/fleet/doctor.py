"""``make doctor``: check what the fleet needs from this machine and say what to fix.

Each check prints one line, ``ok`` or ``FIX``, and a failed one a second line saying what
to do. Nothing is changed. Exit code 1 when anything the fleet or the tests need is
missing; checks marked optional only warn.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

import psycopg
import redis
from kombu import Connection

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import ConfigurationError, env_int, env_str
from common.fleet.databases import connect_admin
from common.fleet.health import port_is_free
from common.fleet.services import FLEET

REQUIRED_PYTHON = (3, 11)
EXTENSIONS = ("fuzzystrmatch",)  # gigs' typo-tolerant search (ADR 0010)


@dataclass(frozen=True)
class Finding:
    """The outcome of one check: what was found and, when it failed, what to do."""

    ok: bool
    found: str
    fix: str = ""
    optional: bool = False


Check = Callable[[], Finding]


def python_version() -> Finding:
    found = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] == REQUIRED_PYTHON:
        return Finding(True, f"Python {found}")
    return Finding(
        False,
        f"Python {found}, but Bazaar needs exactly 3.11",
        "install Python 3.11 (python3.11 on PATH), then `rm -rf .venv && make install`",
    )


def _postgres_where() -> str:
    return f"{env_str('POSTGRES_USER')}@{env_str('POSTGRES_HOST')}:{env_str('POSTGRES_PORT')}"


def postgres_role() -> Finding:
    where = _postgres_where()
    try:
        with connect_admin() as conn:
            row = conn.execute("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
    except psycopg.Error as exc:
        return Finding(
            False,
            f"PostgreSQL does not let {where} in: {first_line(exc)}",
            "start PostgreSQL (`pg_ctlcluster <version> main start`) or set POSTGRES_HOST, POSTGRES_PORT, "
            "POSTGRES_USER and POSTGRES_PASSWORD",
        )
    if not (row and row[0]):
        user = env_str("POSTGRES_USER")
        return Finding(
            False,
            f"PostgreSQL role {user} may not create databases",
            f'as a superuser: ALTER ROLE "{user}" CREATEDB;',
        )
    return Finding(True, f"PostgreSQL lets {where} in and create databases")


def postgres_extensions() -> Finding:
    try:
        with connect_admin() as conn:
            rows = conn.execute(
                "SELECT name FROM pg_available_extensions WHERE name = ANY(%s)", [list(EXTENSIONS)]
            ).fetchall()
    except psycopg.Error as exc:
        return Finding(False, f"cannot list PostgreSQL's extensions: {first_line(exc)}", "fix the connection first")
    missing = sorted(set(EXTENSIONS) - {row[0] for row in rows})
    if missing:
        return Finding(
            False,
            f"PostgreSQL lacks the extension(s) {', '.join(missing)}",
            "install the server's contrib package (Debian: postgresql-contrib, part of postgresql-<version>)",
        )
    return Finding(True, f"PostgreSQL has {', '.join(EXTENSIONS)}")


def rabbitmq() -> Finding:
    url = env_str("RABBITMQ_URL")
    try:
        with Connection(url, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as exc:  # kombu raises the transport's own errors
        return Finding(
            False,
            f"RabbitMQ does not answer at {redact(url)}: {first_line(exc)}",
            "start it (`rabbitmq-server -detached`) or set RABBITMQ_URL",
        )
    return Finding(True, f"RabbitMQ answers at {redact(url)}")


def rabbitmqctl_rights() -> Finding:
    if shutil.which("rabbitmqctl") is None:
        return Finding(False, "rabbitmqctl is not on PATH (the tests make a vhost per suite with it)", _CTL_FIX)
    try:
        result = subprocess.run(
            ["rabbitmqctl", "-q", "list_vhosts"], capture_output=True, text=True, timeout=30, check=False
        )
    except subprocess.TimeoutExpired:
        return Finding(False, "rabbitmqctl did not answer within 30 s", _CTL_FIX)
    if result.returncode != 0:
        return Finding(False, f"rabbitmqctl may not list vhosts: {first_line(result.stderr)}", _CTL_FIX)
    return Finding(True, "rabbitmqctl manages vhosts (the tests need it)")


_CTL_FIX = "run the tests as a user that may call rabbitmqctl (root, or in the rabbitmq group with its cookie)"


def redis_server() -> Finding:
    url = env_str("REDIS_URL")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        return Finding(
            False,
            f"Redis does not answer at {redact(url)}: {first_line(exc)}",
            "start it (`redis-server --daemonize yes`) or set REDIS_URL",
        )
    return Finding(True, f"Redis answers at {redact(url)}")


def fleet_ports() -> Finding:
    offset = env_int("FLEET_PORT_OFFSET")
    taken = [f"{p.port + offset} ({p.name})" for p in FLEET if not port_is_free(p.port + offset)]
    if taken:
        return Finding(
            False,
            f"ports in use: {', '.join(taken)}",
            "stop what listens there (`ss -ltnp` shows it; another `make up`?) or set FLEET_PORT_OFFSET",
        )
    first, last = FLEET[0].port + offset, FLEET[-1].port + offset
    return Finding(True, f"ports {first}-{last} are free for the fleet")


def nginx() -> Finding:
    if shutil.which("nginx") is None:
        return Finding(False, "nginx is not installed", "`make up-prod` installs it on first use", optional=True)
    return Finding(True, "nginx is installed (`make up-prod`)", optional=True)


CHECKS: tuple[Check, ...] = (
    python_version,
    postgres_role,
    postgres_extensions,
    rabbitmq,
    rabbitmqctl_rights,
    redis_server,
    fleet_ports,
    nginx,
)


def first_line(error: object) -> str:
    """The first non-empty line of an error's text: enough to act on, never a traceback."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def redact(url: str) -> str:
    """``url`` without its password."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    return f"{scheme}{sep}{credentials.split(':', 1)[0]}:***@{host}"


def run(checks: tuple[Check, ...] = CHECKS) -> int:
    """Print every finding; 1 when a required check failed."""
    failed = False
    for check in checks:
        try:
            finding = check()
        except ConfigurationError as exc:
            finding = Finding(False, str(exc), "fix the variable (README, Configuration)")
        mark = "ok " if finding.ok else ("-- " if finding.optional else "FIX")
        print(f"{mark} {finding.found}")
        if not finding.ok:
            print(f"    {finding.fix}")
        failed = failed or not (finding.ok or finding.optional)
    print("doctor: " + ("something above needs fixing" if failed else "this machine can run the fleet and its tests"))
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m common.fleet.doctor``."""
    argparse.ArgumentParser(prog="python -m common.fleet.doctor", description=__doc__).parse_args(argv)
    return run()


if __name__ == "__main__":
    raise SystemExit(main())
