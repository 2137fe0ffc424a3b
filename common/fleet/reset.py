"""``make reset``: start the fleet from nothing — its databases, queues and Redis keys.

Drops each process's database and makes it again, migrated; deletes each process's
queues (events, dead letters, tasks) on the fleet's vhost; empties the fleet's Redis
database. It asks first (``--yes`` does not), and refuses while the fleet is running.
"""

from __future__ import annotations

import argparse
import sys

import redis
from kombu import Connection
from psycopg import sql

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import env_int, env_str
from common.events.topology import dead_letter_queue_name, events_queue_name
from common.fleet.console import Console, say
from common.fleet.databases import connect_admin
from common.fleet.health import port_is_free
from common.fleet.prepare import existing, prepare
from common.fleet.services import Process, parse_only, select

CONFIRMATION = "reset"


def queues_of(process: Process) -> list[str]:
    """Every queue the process's relay, bridge and worker declare."""
    return [events_queue_name(process.name), dead_letter_queue_name(process.name), f"{process.name}.tasks"]


def drop_databases(processes: list[Process]) -> list[str]:
    """Drop each process's database, closing its connections; the names dropped."""
    names = [process.database for process in processes if process.has_database]
    with connect_admin() as conn:
        for name in names:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    return names


def delete_queues(processes: list[Process]) -> list[str]:
    """Delete each process's queues (a missing queue is no error to RabbitMQ); the names."""
    names = [name for process in processes for name in queues_of(process)]
    with Connection(env_str("RABBITMQ_URL"), connect_timeout=5) as conn:
        channel = conn.channel()
        for name in names:
            channel.queue_delete(queue=name)
    return names


def empty_redis() -> str:
    """Empty the fleet's Redis database; its URL."""
    url = env_str("REDIS_URL")
    redis.Redis.from_url(url).flushdb()
    return url


def running(processes: list[Process]) -> list[str]:
    """The processes whose port is taken: the fleet (or something) still runs there."""
    offset = env_int("FLEET_PORT_OFFSET")
    return [p.name for p in processes if not port_is_free(p.port + offset)]


def confirmed(processes: list[Process], assume_yes: bool) -> bool:
    """True once the person at the terminal typed the confirmation (or passed ``--yes``)."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        print("make reset asks before it drops anything: run it in a terminal, or with ARGS=--yes")
        return False
    databases = ", ".join(p.database for p in processes if p.has_database)
    answer = input(f"This drops {databases}, their queues and every key of {env_str('REDIS_URL')}. "
                   f"Type {CONFIRMATION!r} to go on: ")  # fmt: skip
    return answer.strip() == CONFIRMATION


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m common.fleet.reset``."""
    parser = argparse.ArgumentParser(prog="python -m common.fleet.reset", description=__doc__)
    parser.add_argument("--only", default="", help="comma-separated process names (default: all)")
    parser.add_argument("--yes", action="store_true", help="do not ask")
    args = parser.parse_args(argv)
    console = Console()
    processes = existing(select(parse_only(args.only)), console)
    busy = running(processes)
    if busy:
        say(console, f"the fleet is running ({', '.join(busy)}): stop it first")
        return 1
    if not confirmed(processes, args.yes):
        say(console, "nothing was changed")
        return 1
    say(console, f"dropped {', '.join(drop_databases(processes))}")
    say(console, f"deleted the queues {', '.join(delete_queues(processes))}")
    say(console, f"emptied {empty_redis()}")
    ok = prepare(processes, console)
    say(console, "the fleet starts from nothing" if ok else "migrating failed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
