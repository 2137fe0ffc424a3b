#!/usr/bin/env python
"""Benchmark: an event from auth's outbox to users' inbox, through the real relay, RabbitMQ and worker.

    .venv/bin/python bench/events.py [--events 2000] [--rate 25] [--burst 2000] [--concurrency 1]

Runs everything as the fleet does, on databases and a vhost of its own (``bazaar_bench_auth``,
``bazaar_bench_users``, ``bazaar_bench``; created, migrated, and dropped again): auth's
relay (``manage.py relay_events``) and users' Celery worker with its event bridge. Events
are written by ``tests.reliability.producer``: one transaction per account holding the
user row and its ``UserRegistered``, as a signup does.

Two phases:

- steady: ``--events`` events at ``--rate`` per second; the end-to-end latency of each is
  its inbox row's ``applied_at`` minus its outbox row's ``occurred_at`` (p50/p95/p99/max).
  Both are stamped by ``django.utils.timezone.now()`` in processes of this machine, so
  they read the same clock (PostgreSQL's too, as it runs here); ``occurred_at`` is taken
  just before the producer's commit.
- burst: ``--burst`` events committed as fast as one producer can; sustained events/s is
  the count over the time from the first commit to the last inbox row.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common.testing.broker import wait_until  # noqa: E402
from tests.reliability.harness import (  # noqa: E402
    SERVICES,
    Broker,
    Databases,
    EventFleet,
    connect,
    exclusive_use,
    process_env,
    recreate_databases,
)

DB_PREFIX = "bazaar_bench_"
VHOST = "bazaar_bench"


def log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@dataclass(frozen=True)
class Phase:
    """What one phase measured."""

    name: str
    events: int
    rate_asked: float
    commit_seconds: float  # first commit to last commit
    total_seconds: float  # first commit to last inbox row
    latencies_ms: list[float]

    @property
    def committed_per_second(self) -> float:
        return self.events / self.commit_seconds if self.commit_seconds else float("inf")

    @property
    def applied_per_second(self) -> float:
        return self.events / self.total_seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)]


def timestamps(databases: Databases, tag: str) -> list[tuple[datetime, datetime]]:
    """(occurred_at, applied_at) of every event of the accounts named ``<tag>-*``."""
    occurred = dict(
        databases.rows(
            "auth",
            "SELECT id::text, occurred_at FROM outbox_outboxmessage WHERE data->>'username' LIKE %s",
            (f"{tag}-%",),
        )
    )
    applied = dict(databases.rows("users", "SELECT event_id::text, applied_at FROM inbox_inboxentry"))
    missing = set(occurred) - set(applied)
    if missing:
        raise SystemExit(f"{len(missing)} events of phase {tag} have no inbox row")
    return [(occurred[event_id], applied[event_id]) for event_id in occurred]  # type: ignore[misc]


def run_phase(fleet: EventFleet, name: str, events: int, rate: float, applied_before: int) -> Phase:
    """Commit ``events`` at ``rate`` (0: flat out), wait for users to apply them all, measure."""
    log(f"{name}: {events} events{f' at {rate:g}/s' if rate else ' as fast as one producer commits'} ...")
    fleet.produce(events, rate=rate, tag=name).finish(timeout=events / (rate or 50) + 120)
    wait_until(
        lambda: fleet.databases.inbox_rows() >= applied_before + events,
        timeout=events / 5 + 60,
        every=0.5,
        what=f"users to apply the {name} events",
    )
    pairs = timestamps(fleet.databases, name)
    first_commit = min(occurred for occurred, _ in pairs)
    last_commit = max(occurred for occurred, _ in pairs)
    last_applied = max(applied for _, applied in pairs)
    return Phase(
        name=name,
        events=events,
        rate_asked=rate,
        commit_seconds=(last_commit - first_commit).total_seconds(),
        total_seconds=(last_applied - first_commit).total_seconds(),
        latencies_ms=[(applied - occurred).total_seconds() * 1000 for occurred, applied in pairs],
    )


def print_table(phases: list[Phase], concurrency: int) -> None:
    header = (
        f"{'phase':<8} {'events':>6} {'rate asked':>10} {'committed/s':>11} {'applied/s':>9} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    )
    print(header)
    print("-" * len(header))
    for phase in phases:
        asked = f"{phase.rate_asked:g}/s" if phase.rate_asked else "flat out"
        print(
            f"{phase.name:<8} {phase.events:>6} {asked:>10} {phase.committed_per_second:>11.0f} "
            f"{phase.applied_per_second:>9.1f} {phase.percentile(0.5):>8.1f} {phase.percentile(0.95):>8.1f} "
            f"{phase.percentile(0.99):>8.1f} {max(phase.latencies_ms):>8.1f}"
        )
    burst = next((phase for phase in phases if phase.name == "burst"), None)
    if burst:
        print()
        print(
            f"burst: {burst.events} events from first commit to last inbox row in {burst.total_seconds:.1f}s "
            f"= {burst.applied_per_second:.1f} events/s sustained (users worker, -c {concurrency})"
        )


def drop_databases() -> None:
    with connect("postgres") as admin:
        for service in SERVICES:
            admin.execute(f'DROP DATABASE IF EXISTS "{DB_PREFIX}{service}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000, help="events of the steady phase")
    parser.add_argument("--rate", type=float, default=25.0, help="events per second of the steady phase")
    parser.add_argument("--burst", type=int, default=2000, help="events of the burst phase (0: skip it)")
    parser.add_argument("--concurrency", type=int, default=1, help="users worker pool size (the fleet runs 1)")
    args = parser.parse_args()

    broker = Broker(VHOST)
    databases = Databases(DB_PREFIX)
    logs = Path(tempfile.mkdtemp(prefix="bazaar-bench-events-"))
    # Logs at INFO, as the fleet runs: two JSON lines per task are part of the worker's cost.
    fleet = EventFleet(
        databases,
        broker,
        relay_env=process_env(broker, "auth_service.settings", DB_PREFIX),
        worker_env=process_env(broker, None, DB_PREFIX),
    )
    phases: list[Phase] = []
    with exclusive_use(DB_PREFIX):
        try:
            log("preparing the bench databases and vhost ...")
            recreate_databases(DB_PREFIX, process_env(broker, None, DB_PREFIX))
            broker.reset()
            fleet.start_relay()
            fleet.start_worker(concurrency=args.concurrency)
            phases.append(run_phase(fleet, "steady", args.events, args.rate, applied_before=0))
            if args.burst:
                phases.append(run_phase(fleet, "burst", args.burst, 0, applied_before=args.events))
        except BaseException:
            fleet.save_logs(logs)
            log(f"the relay's and the worker's output is in {logs}")
            raise
        else:
            shutil.rmtree(logs, ignore_errors=True)
        finally:
            fleet.stop()
            try:
                drop_databases()
            except Exception as exc:  # the figures matter more than the cleanup
                log(f"could not drop the bench databases: {exc}")
    print()
    print_table(phases, args.concurrency)


if __name__ == "__main__":
    started = time.monotonic()
    main()
    log(f"done in {time.monotonic() - started:.0f}s")
