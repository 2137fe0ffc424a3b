"""Create each service's PostgreSQL database when it is missing (idempotent)."""

from __future__ import annotations

import psycopg
from psycopg import errors, sql

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import env_int, env_secret, env_str


def connect(dbname: str = "postgres") -> psycopg.Connection:
    """An autocommit connection to ``dbname`` on the fleet's PostgreSQL server."""
    return psycopg.connect(
        host=env_str("POSTGRES_HOST"),
        port=env_int("POSTGRES_PORT"),
        user=env_str("POSTGRES_USER"),
        password=env_secret("POSTGRES_PASSWORD") or None,
        dbname=dbname,
        autocommit=True,
        connect_timeout=5,
    )


def connect_admin() -> psycopg.Connection:
    """An autocommit connection to the server's ``postgres`` database."""
    return connect("postgres")


def ensure_databases(names: list[str]) -> list[str]:
    """Create every database of ``names`` that does not exist; return those created."""
    created: list[str] = []
    with connect_admin() as conn:
        for name in names:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists:
                continue
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            except (errors.DuplicateDatabase, errors.UniqueViolation):
                continue  # another runner created it between our check and our CREATE
            created.append(name)
    return created
