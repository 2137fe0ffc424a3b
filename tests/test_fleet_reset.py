"""``make reset`` (``python -m common.fleet.reset``) on databases, a vhost and a Redis database of its own."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis
from amqp.exceptions import NotFound
from kombu import Connection

from common.testing.broker import fresh_vhost

ROOT = Path(__file__).resolve().parents[1]
OFFSET = 10950  # users on 18952
PREFIX = "bazaar_resettest_"
DATABASE = f"{PREFIX}users"
REDIS_URL = "redis://127.0.0.1:6379/11"


@pytest.fixture
def fleet_env() -> Iterator[dict[str, str]]:
    amqp_url = fresh_vhost("bazaar_reset_test")
    env = {
        **os.environ,
        "POSTGRES_DB_PREFIX": PREFIX,
        "RABBITMQ_URL": amqp_url,
        "REDIS_URL": REDIS_URL,
        "FLEET_PORT_OFFSET": str(OFFSET),
        "BAZAAR_ENV": "local",
    }
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname=DATABASE, autocommit=True) as conn:
        conn.execute("CREATE TABLE left_from_before (id int)")
    with Connection(amqp_url) as conn:
        conn.channel().queue_declare(queue="users.events", durable=True)
    redis.Redis.from_url(REDIS_URL).set("left-from-before", 1)
    yield env
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    redis.Redis.from_url(REDIS_URL).flushdb()


def reset(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "common.fleet.reset", "--only", "users", *args]
    return subprocess.run(
        command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=180, check=False
    )


def tables(database: str) -> set[str]:
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname=database) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    return {row[0] for row in rows}


def queue_exists(env: dict[str, str], name: str) -> bool:
    with Connection(env["RABBITMQ_URL"]) as conn:
        try:
            conn.channel().queue_declare(queue=name, passive=True)
        except NotFound:
            return False
    return True


def test_reset_drops_the_database_queues_and_redis_keys_and_migrates_afresh(fleet_env: dict[str, str]) -> None:
    result = reset(fleet_env, "--yes")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "left_from_before" not in tables(DATABASE)
    assert "django_migrations" in tables(DATABASE)
    assert not queue_exists(fleet_env, "users.events")
    assert redis.Redis.from_url(REDIS_URL).exists("left-from-before") == 0
    assert "the fleet starts from nothing" in result.stdout


def test_without_a_confirmation_nothing_is_changed(fleet_env: dict[str, str]) -> None:
    result = reset(fleet_env)

    assert result.returncode == 1
    assert "run it in a terminal, or with ARGS=--yes" in result.stdout
    assert "left_from_before" in tables(DATABASE)
    assert queue_exists(fleet_env, "users.events")
    assert redis.Redis.from_url(REDIS_URL).exists("left-from-before") == 1


def test_a_running_fleet_is_not_reset(fleet_env: dict[str, str]) -> None:
    with socket.socket() as users_port:
        users_port.bind(("127.0.0.1", 8002 + OFFSET))
        users_port.listen()
        result = reset(fleet_env, "--yes")

    assert result.returncode == 1
    assert "the fleet is running (users): stop it first" in result.stdout
    assert "left_from_before" in tables(DATABASE)
