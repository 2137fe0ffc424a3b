"""``make doctor`` (``python -m common.fleet.doctor``) against this machine's real services."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[1]
OFFSET = 10900  # ports 18900-18907: nobody else's fleet
ROLE = "bazaar_doctor_cannot_create"


def doctor(**env: str) -> subprocess.CompletedProcess[str]:
    """Run the doctor with ``env`` over ours; its whole output is in ``stdout``."""
    full_env = {**os.environ, "FLEET_PORT_OFFSET": str(OFFSET), **env}
    return subprocess.run(
        [sys.executable, "-m", "common.fleet.doctor"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def line_after(output: str, start: str) -> str:
    """The fix printed under the finding that starts with ``start``."""
    lines = output.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    return lines[index + 1].strip()


def test_a_machine_with_every_prerequisite_passes_every_check() -> None:
    result = doctor()

    assert result.returncode == 0, result.stdout
    assert "FIX" not in result.stdout
    assert result.stdout.splitlines()[-1] == "doctor: this machine can run the fleet and its tests"


def test_an_unreachable_database_is_one_line_saying_what_to_set() -> None:
    result = doctor(POSTGRES_PORT="1")

    assert result.returncode == 1
    assert "FIX PostgreSQL does not let postgres@127.0.0.1:1 in: connection failed" in result.stdout
    assert line_after(result.stdout, "FIX PostgreSQL does not let").startswith("start PostgreSQL")
    assert "Traceback" not in result.stdout + result.stderr


@pytest.fixture
def role_without_createdb() -> Iterator[str]:
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP ROLE IF EXISTS "{ROLE}"')
        conn.execute(f'CREATE ROLE "{ROLE}" LOGIN NOCREATEDB')
        yield ROLE
        conn.execute(f'DROP ROLE "{ROLE}"')


def test_a_role_that_cannot_create_databases_is_told_the_statement_that_fixes_it(role_without_createdb: str) -> None:
    result = doctor(POSTGRES_USER=role_without_createdb)

    assert result.returncode == 1
    assert f"FIX PostgreSQL role {role_without_createdb} may not create databases" in result.stdout
    assert line_after(result.stdout, "FIX PostgreSQL role") == f'as a superuser: ALTER ROLE "{ROLE}" CREATEDB;'


def test_a_taken_port_names_the_process_that_needs_it() -> None:
    gigs_port = 8003 + OFFSET
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", gigs_port))
        squatter.listen()
        result = doctor()

    assert result.returncode == 1
    assert f"FIX ports in use: {gigs_port} (gigs)" in result.stdout


def test_a_broker_that_does_not_answer_is_named_without_its_password() -> None:
    result = doctor(RABBITMQ_URL="amqp://guest:hunter2@127.0.0.1:1//")

    assert result.returncode == 1
    assert "FIX RabbitMQ does not answer at amqp://guest:***@127.0.0.1:1//" in result.stdout
    assert "hunter2" not in result.stdout + result.stderr


def test_a_malformed_setting_is_one_line_not_a_traceback() -> None:
    result = doctor(FLEET_PORT_OFFSET="eighty")

    assert result.returncode == 1
    assert "FIX FLEET_PORT_OFFSET must be an integer, got 'eighty'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
