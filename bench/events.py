#!/usr/bin/env python
"""Benchmark: an event from auth's outbox to users' inbox, through the real relay, RabbitMQ and worker.

    .venv/bin/python bench/events.py [--events 3000] [--rate 300] [--burst 3000] [--producers 2]
                                     [--concurrency 1] [--no-reference]

Runs everything as the fleet does, with ``DJANGO_DEBUG=false``, on databases and a vhost of
its own (``bazaar_bench_events_auth``, ``bazaar_bench_events_users``, ``bazaar_bench_events``; created,
and dropped again): auth's relay (``manage.py relay_events``) and users' Celery worker with
its event consumer. Events are written by ``tests.reliability.producer`` (``--producers``
processes side by side): one transaction per account holding the user row and its
``UserRegistered``, as a signup does.

Each configuration runs two phases, the relay and the worker started afresh for it:

- burst: ``--burst`` events committed flat out; sustained events/s is the count over the
  time from the first commit to the last inbox row. Meanwhile the CPU time of every process
  on the way is read from ``/proc/<pid>/stat``: the relay, the worker (its main and pool
  processes), the PostgreSQL backends of the bench databases, RabbitMQ's ``beam.smp`` (which
  also serves whatever else runs on the machine) and the producers.
- steady: ``--events`` events at ``--rate`` per second; the end-to-end latency of each is
  its inbox row's ``applied_at`` minus its outbox row's ``occurred_at`` (p50/p95/p99/max).
  Both are stamped in processes of this machine, so they read the same clock.

The configurations: ``reference`` (``RELAY_BATCH_SIZE=1`` and ``EVENT_BATCH_SIZE=1``: one
event per relay round and per consumer batch, as unbatched as the code goes) and
``batched`` (the defaults), one after the other in the same run, so their ratio is measured
on the same machine at the same time. The target: at least 300 events/s sustained on the
two cores, with a p95 of at most 250 ms at 300 events/s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
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
    ProducerRun,
    connect,
    exclusive_use,
    process_env,
    recreate_databases,
    start_producer,
)

DB_PREFIX = "bazaar_bench_events_"
VHOST = "bazaar_bench_events"
TARGET_PER_SECOND = 300
TARGET_P95_MS = 250
CONFIGURATIONS = {
    "reference": {"RELAY_BATCH_SIZE": "1", "EVENT_BATCH_SIZE": "1"},
    "batched": {},
}
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


# --- CPU time from /proc ---------------------------------------------------------------


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: fields start after the last ")".
    return text[text.rindex(")") + 2 :].split()


def cpu_ticks(pid: int) -> int:
    """User plus system CPU time of ``pid`` so far, in clock ticks (0 when it is gone)."""
    fields = _stat_fields(pid)
    return int(fields[11]) + int(fields[12]) if fields else 0


def group_ticks(pgid: int) -> int:
    """CPU ticks of every live process of the process group ``pgid`` (a worker and its pool)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields and int(fields[2]) == pgid:
                total += int(fields[11]) + int(fields[12])
    return total


def pids_named(name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


class Backends:
    """The PostgreSQL backends serving the relay, the worker and the producers (not the bench's own)."""

    def __init__(self) -> None:
        self.admin = connect("postgres")
        self.poll = connect(f"{DB_PREFIX}users")  # the bench's count of inbox rows, on one connection
        self.own = {self.admin.info.backend_pid, self.poll.info.backend_pid}

    def pids(self) -> list[int]:
        rows = self.admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname LIKE %s", [f"{DB_PREFIX}%"]
        ).fetchall()
        return [int(pid) for (pid,) in rows if pid not in self.own]

    def inbox_rows(self) -> int:
        [(count,)] = self.poll.execute("SELECT count(*) FROM inbox_inboxentry").fetchall()
        return int(count)

    def close(self) -> None:
        self.admin.close()
        self.poll.close()


@dataclass
class CpuMeter:
    """CPU seconds each part spent while it ran: sampled every 0.2 s, last minus first sample per process."""

    sources: dict[str, Callable[[], dict[int, int]]]
    first: dict[str, dict[int, int]] = field(default_factory=dict)
    last: dict[str, dict[int, int]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> CpuMeter:
        self._sample()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()
        self._sample()

    def _loop(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def _sample(self) -> None:
        for name, read in self.sources.items():
            for pid, ticks in read().items():
                self.first.setdefault(name, {}).setdefault(pid, ticks)
                if ticks:  # a process gone keeps its last reading
                    self.last.setdefault(name, {})[pid] = ticks

    def seconds(self) -> dict[str, float]:
        return {
            name: sum(self.last.get(name, {}).get(pid, ticks) - ticks for pid, ticks in firsts.items())
            / TICKS_PER_SECOND
            for name, firsts in self.first.items()
        }


def meter_for(fleet: EventFleet, producers: list[ProducerRun], backends: Backends) -> CpuMeter:
    relay, worker = (
        next(p for p in fleet.processes[::-1] if p.name == name) for name in ("auth relay", "users worker")
    )
    assert relay.process is not None and worker.process is not None
    relay_pgid, worker_pgid = relay.process.pid, worker.process.pid
    beams = pids_named("beam.smp")
    return CpuMeter(
        {
            "relay": lambda: {relay_pgid: group_ticks(relay_pgid)},
            "worker": lambda: {worker_pgid: group_ticks(worker_pgid)},
            "postgres": lambda: {pid: cpu_ticks(pid) for pid in backends.pids()},
            "rabbitmq": lambda: {pid: cpu_ticks(pid) for pid in beams},
            "producers": lambda: {p.process.pid: cpu_ticks(p.process.pid) for p in producers},
        }
    )


# --- phases ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Phase:
    """What one phase measured."""

    configuration: str
    name: str
    events: int
    rate_asked: float
    commit_seconds: float  # first commit to last commit
    total_seconds: float  # first commit to last inbox row
    latencies_ms: list[float]
    cpu_seconds: dict[str, float]

    @property
    def committed_per_second(self) -> float:
        return self.events / self.commit_seconds if self.commit_seconds else float("inf")

    @property
    def applied_per_second(self) -> float:
        return self.events / self.total_seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)]

    def cpu_ms_per_event(self, part: str) -> float:
        return self.cpu_seconds.get(part, 0.0) * 1000 / self.events


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


def run_phase(fleet: EventFleet, configuration: str, name: str, events: int, rate: float, producers: int) -> Phase:
    """Commit ``events`` at ``rate`` (0: flat out), wait for users to apply them all, measure."""
    log(f"{configuration} {name}: {events} events{f' at {rate:g}/s' if rate else ' flat out'} ...")
    tag = f"{configuration}-{name}"
    backends = Backends()
    applied_before = backends.inbox_rows()
    shares = [events // producers + (1 if n < events % producers else 0) for n in range(producers)]
    runs = [
        start_producer(fleet.relay_env, share, rate=rate / producers, tag=f"{tag}-p{n}")
        for n, share in enumerate(shares)
    ]
    try:
        with meter_for(fleet, runs, backends) as meter:
            for run in runs:
                run.finish(timeout=events / (rate or 50) + 120)
            wait_until(
                lambda: backends.inbox_rows() >= applied_before + events,
                timeout=events / 5 + 60,
                every=0.1,
                what=f"users to apply the {tag} events",
            )
    finally:
        backends.close()
    pairs = timestamps(fleet.databases, tag)
    first_commit = min(occurred for occurred, _ in pairs)
    return Phase(
        configuration=configuration,
        name=name,
        events=events,
        rate_asked=rate,
        commit_seconds=(max(occurred for occurred, _ in pairs) - first_commit).total_seconds(),
        total_seconds=(max(applied for _, applied in pairs) - first_commit).total_seconds(),
        latencies_ms=[(applied - occurred).total_seconds() * 1000 for occurred, applied in pairs],
        cpu_seconds=meter.seconds(),
    )


# --- report ----------------------------------------------------------------------------

PARTS = ("relay", "worker", "postgres", "rabbitmq")


def print_tables(phases: list[Phase], concurrency: int) -> None:
    header = (
        f"{'configuration':<13} {'phase':<7} {'events':>6} {'rate asked':>10} {'committed/s':>11} "
        f"{'applied/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    )
    print(header)
    print("-" * len(header))
    for phase in phases:
        asked = f"{phase.rate_asked:g}/s" if phase.rate_asked else "flat out"
        print(
            f"{phase.configuration:<13} {phase.name:<7} {phase.events:>6} {asked:>10} "
            f"{phase.committed_per_second:>11.0f} {phase.applied_per_second:>9.1f} {phase.percentile(0.5):>8.1f} "
            f"{phase.percentile(0.95):>8.1f} {phase.percentile(0.99):>8.1f} {max(phase.latencies_ms):>8.1f}"
        )
    print(f"{'target':<13} {'':<7} {'':>6} {'':>10} {'':>11} {f'≥ {TARGET_PER_SECOND}':>9} {'':>8} "
          f"{f'≤ {TARGET_P95_MS}':>8}  (p95 at {TARGET_PER_SECOND}/s)")  # fmt: skip
    print()
    header = (
        f"{'CPU ms/event (burst)':<21} " + " ".join(f"{part:>9}" for part in PARTS) + f" {'total':>9} {'producers':>9}"
    )
    print(header)
    print("-" * len(header))
    bursts = {phase.configuration: phase for phase in phases if phase.name == "burst"}
    for configuration, phase in bursts.items():
        parts = [phase.cpu_ms_per_event(part) for part in PARTS]
        print(
            f"{configuration:<21} " + " ".join(f"{value:>9.2f}" for value in parts) + f" {sum(parts):>9.2f}"
            f" {phase.cpu_ms_per_event('producers'):>9.2f}"
        )
    if {"reference", "batched"} <= bursts.keys():
        reference, batched = bursts["reference"], bursts["batched"]
        ratios = [
            batched.cpu_ms_per_event(part) / reference.cpu_ms_per_event(part)
            if reference.cpu_ms_per_event(part)
            else float("nan")
            for part in PARTS
        ]
        totals = [sum(phase.cpu_ms_per_event(part) for part in PARTS) for phase in (batched, reference)]
        print(
            f"{'batched / reference':<21} " + " ".join(f"{r:>9.2f}" for r in ratios) + f" {totals[0] / totals[1]:>9.2f}"
        )
        print()
        print(
            f"burst applied/s: batched {batched.applied_per_second:.0f}, reference {reference.applied_per_second:.0f} "
            f"(×{batched.applied_per_second / reference.applied_per_second:.1f}); users worker -c {concurrency}; "
            "RabbitMQ's CPU includes whatever else the machine runs"
        )


def drop_databases() -> None:
    with connect("postgres") as admin:
        for service in SERVICES:
            admin.execute(f'DROP DATABASE IF EXISTS "{DB_PREFIX}{service}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=3000, help="events of the steady phase")
    parser.add_argument("--rate", type=float, default=TARGET_PER_SECOND, help="events per second of the steady phase")
    parser.add_argument("--burst", type=int, default=3000, help="events of the burst phase (0: skip it)")
    parser.add_argument("--producers", type=int, default=2, help="producer processes committing side by side")
    parser.add_argument("--concurrency", type=int, default=1, help="users worker pool size (the fleet runs 1)")
    parser.add_argument("--no-reference", action="store_true", help="measure the batched configuration only")
    args = parser.parse_args()

    broker = Broker(VHOST)
    databases = Databases(DB_PREFIX)
    logs = Path(tempfile.mkdtemp(prefix="bazaar-bench-events-"))
    phases: list[Phase] = []
    fleets: list[EventFleet] = []
    configurations = {k: v for k, v in CONFIGURATIONS.items() if not (args.no_reference and k == "reference")}
    with exclusive_use(DB_PREFIX):
        try:
            log("preparing the bench databases and vhost ...")
            base = process_env(broker, None, DB_PREFIX, DJANGO_DEBUG="false")
            recreate_databases(DB_PREFIX, base)
            broker.reset()
            for configuration, settings in configurations.items():
                # Logs at INFO, as the fleet runs: the log lines are part of the cost.
                fleet = EventFleet(
                    databases,
                    broker,
                    relay_env={**base, "DJANGO_SETTINGS_MODULE": "auth_service.settings", **settings},
                    worker_env={**base, **settings},
                )
                fleets.append(fleet)
                fleet.start_relay()
                fleet.start_worker(concurrency=args.concurrency)
                if args.burst:
                    phases.append(run_phase(fleet, configuration, "burst", args.burst, 0, args.producers))
                if args.events:
                    phases.append(run_phase(fleet, configuration, "steady", args.events, args.rate, args.producers))
                fleet.stop()
        except BaseException:
            for number, fleet in enumerate(fleets):
                (logs / str(number)).mkdir()
                fleet.save_logs(logs / str(number))
            log(f"the relays' and the workers' output is in {logs}")
            raise
        else:
            shutil.rmtree(logs, ignore_errors=True)
        finally:
            for fleet in fleets:
                fleet.stop()
            try:
                drop_databases()
            except Exception as exc:  # the figures matter more than the cleanup
                log(f"could not drop the bench databases: {exc}")
    print()
    print_tables(phases, args.concurrency)


if __name__ == "__main__":
    started = time.monotonic()
    main()
    log(f"done in {time.monotonic() - started:.0f}s")
