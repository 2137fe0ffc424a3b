"""Real processes around one stream of events: auth's relay (producer side), users' worker (consumer side).

Each piece is what runs in production, started as a child process on databases and a
RabbitMQ vhost of its own: ``bazaar_rel_auth``, ``bazaar_rel_users`` and ``bazaar_rel``.
The effect counted is what the users service wrote (buyer profiles and inbox rows), read
with psycopg; what travelled is counted by a witness queue bound next to the users' one.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from psycopg import sql

import common.conf.registry  # noqa: F401  (declares every variable)
from common.fleet.databases import connect
from common.testing.broker import ServiceProcess, fresh_vhost, rabbitmqctl, wait_until

ROOT = Path(__file__).resolve().parents[2]
DB_PREFIX = "bazaar_rel_"
VHOST = "bazaar_rel"
SERVICES = ("auth", "users")
EVENT_TYPE = "auth.user.registered"
# Bound to the events exchange like users.events, but never consumed: its depth is the
# number of messages the relays really published (duplicates included).
WITNESS_QUEUE = "reliability.witness"
USERS_QUEUES = ("users.events", "users.tasks")
DEAD_LETTERS = "users.events.dead"
ALREADY_HANDLED = "event already handled"  # logged by common.events.handlers.apply


# --- PostgreSQL ------------------------------------------------------------------------


def recreate_databases(prefix: str, env: dict[str, str]) -> None:
    """Drop the auth and users databases of ``prefix``, then create and migrate them as the fleet does."""
    with connect("postgres") as admin:
        for service in SERVICES:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(prefix + service)))
    prepared = subprocess.run(
        [sys.executable, "-m", "common.fleet.prepare", "--only", ",".join(SERVICES)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if prepared.returncode != 0:
        raise RuntimeError(f"preparing the {prefix}* databases failed:\n{prepared.stdout}{prepared.stderr}")


@contextmanager
def exclusive_use(name: str, timeout: float = 90) -> Iterator[None]:
    """Hold a PostgreSQL advisory lock on ``name`` for the block.

    The databases and the vhost have fixed names: two runs at once on one machine (two
    people, or a run and a benchmark) would empty each other's tables. The second waits.
    """
    with connect("postgres") as conn:
        wait_until(
            lambda: conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [name]).fetchone()[0],
            timeout=timeout,
            every=1,
            what=f"another run using {name} to finish",
        )
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", [name])


@dataclass(frozen=True)
class Databases:
    """Reads (and the emptying between tests) of the auth and users databases."""

    prefix: str = DB_PREFIX

    def rows(self, service: str, query: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with connect(self.prefix + service) as conn:
            return conn.execute(query, params).fetchall()

    def count(self, service: str, table: str) -> int:
        [(number,)] = self.rows(service, f"SELECT count(*) FROM {table}")
        return int(str(number))

    def empty(self) -> None:
        """No account, event, profile or inbox row left from an earlier test."""
        with connect(self.prefix + "auth") as conn:
            conn.execute("TRUNCATE accounts_user, outbox_outboxmessage RESTART IDENTITY CASCADE")
        with connect(self.prefix + "users") as conn:
            conn.execute("TRUNCATE profiles_buyerprofile, inbox_inboxentry RESTART IDENTITY CASCADE")

    def committed_events(self) -> int:
        return self.count("auth", "outbox_outboxmessage")

    def unsent_events(self) -> int:
        [(number,)] = self.rows("auth", "SELECT count(*) FROM outbox_outboxmessage WHERE published_at IS NULL")
        return int(str(number))

    def profiles(self) -> int:
        return self.count("users", "profiles_buyerprofile")

    def inbox_rows(self) -> int:
        return self.count("users", "inbox_inboxentry")

    def column(self, service: str, query: str) -> list[str]:
        return [str(value) for value, *_ in self.rows(service, query)]


# --- RabbitMQ --------------------------------------------------------------------------


@dataclass(frozen=True)
class Broker:
    """The test's vhost, looked at through ``rabbitmqctl`` (ready and unacked messages alike)."""

    vhost: str = VHOST

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:5672/{self.vhost}"

    def reset(self) -> None:
        """A fresh, empty vhost whose witness queue already listens to the events exchange."""
        from kombu import Connection, Queue, binding

        from common.events.topology import EXCHANGE

        fresh_vhost(self.vhost)
        witness = Queue(WITNESS_QUEUE, bindings=[binding(EXCHANGE, routing_key=EVENT_TYPE)], durable=True)
        with Connection(self.url, connect_timeout=5) as connection:
            witness.bind(connection.default_channel).declare()

    def queue_depths(self) -> dict[str, int]:
        """Messages in each queue of the vhost, ready plus delivered-but-unacknowledged."""
        listed = rabbitmqctl("list_queues", "-p", self.vhost, "name", "messages", "--formatter", "json")
        if listed.returncode != 0:
            raise RuntimeError(f"rabbitmqctl list_queues failed: {listed.stderr}")
        return {queue["name"]: int(queue["messages"]) for queue in json.loads(listed.stdout or "[]")}

    def published(self) -> int:
        """Messages the relays published so far (the witness queue keeps them all)."""
        return self.queue_depths().get(WITNESS_QUEUE, 0)

    def users_queues_drained(self) -> bool:
        depths = self.queue_depths()
        return all(depths.get(queue, 0) == 0 for queue in USERS_QUEUES)


def rabbitmq_answers(timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5672), timeout=timeout):
            return True
    except OSError:
        return False


def start_rabbitmq() -> None:
    """Start the RabbitMQ application (a no-op when it runs) and wait until it takes connections."""
    rabbitmqctl("start_app")
    rabbitmqctl("await_startup")
    wait_until(rabbitmq_answers, timeout=60, every=0.2, what="RabbitMQ to listen on 5672")


@contextmanager
def rabbitmq_stopped() -> Iterator[None]:
    """RabbitMQ's application stopped inside the block, and always started again after it."""
    stopped = rabbitmqctl("stop_app")
    try:
        if stopped.returncode != 0:
            raise RuntimeError(f"rabbitmqctl stop_app failed: {stopped.stderr}")
        yield
    finally:
        start_rabbitmq()


# --- processes -------------------------------------------------------------------------


def process_env(broker: Broker, settings_module: str | None, prefix: str = DB_PREFIX, **extra: str) -> dict[str, str]:
    """The environment of a child: the given databases and vhost, test settings, INFO logs."""
    env = {
        **os.environ,
        "BAZAAR_ENV": "test",
        "PYTHONUNBUFFERED": "1",
        "POSTGRES_DB_PREFIX": prefix,
        "RABBITMQ_URL": broker.url,
        "LOG_LEVEL": "INFO",  # the worker's "event already handled" lines are counted
        **extra,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if settings_module:
        env["DJANGO_SETTINGS_MODULE"] = settings_module
    return env


def users_worker(env: dict[str, str], concurrency: int = 1) -> ServiceProcess:
    """users' Celery worker with its event bridge, as the fleet runs it (one pool process)."""
    command = [
        sys.executable, "-m", "celery", "-A", "users_service", "worker", "-Q", "users.tasks", "-c", str(concurrency),
        "--loglevel", "INFO", "-n", "users-rel@%h", "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    return ServiceProcess("users worker", command, env, ready_text="ready.")


def auth_relay(env: dict[str, str]) -> ServiceProcess:
    """auth's real outbox relay (``manage.py relay_events``)."""
    return ServiceProcess(
        "auth relay", [sys.executable, "auth_service/manage.py", "relay_events"], env, "relay connected"
    )


def crashing_auth_relay(env: dict[str, str], die_after: int) -> ServiceProcess:
    """auth's real relay, made to die right after its ``die_after``-th confirmed publish."""
    command = [sys.executable, "-m", "tests.reliability.crashing_relay", "--die-after", str(die_after)]
    return ServiceProcess("crashing auth relay", command, env, "relay connected")


@dataclass
class ProducerRun:
    """``tests.reliability.producer`` running in the background."""

    process: subprocess.Popen[str]

    def finish(self, timeout: float = 60) -> str:
        """Wait for the producer to end; its output (it must have succeeded)."""
        output, _ = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0, f"the producer failed:\n{output}"
        return output.strip()


def start_producer(env: dict[str, str], count: int, rate: float = 0, tag: str = "rel") -> ProducerRun:
    command = [sys.executable, "-m", "tests.reliability.producer", "--count", str(count), "--rate", str(rate)]
    process = subprocess.Popen(
        [*command, "--tag", tag], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return ProducerRun(process)


# --- what happened ---------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """Events committed by auth against their effect in users, once everything settled."""

    events: int
    published: int
    profiles: int
    inbox_rows: int
    lost: int
    applied_twice: int
    unknown: int  # effects of no committed event
    redeliveries_absorbed: int
    dead_letters: int

    def __str__(self) -> str:
        unknown = f", {self.unknown} effects of unknown events" if self.unknown else ""
        return (
            f"{self.events} events, {self.published} messages published, {self.profiles} profiles, "
            f"{self.inbox_rows} inbox rows, {self.lost} lost, {self.applied_twice} applied twice{unknown}, "
            f"{self.redeliveries_absorbed} redeliveries absorbed, {self.dead_letters} dead letters"
        )

    @property
    def duplicates_published(self) -> int:
        return self.published - self.events

    def assert_exactly_once(self, expected: int) -> None:
        """Every one of ``expected`` events applied once in effect: nothing lost, nothing doubled."""
        assert (self.events, self.profiles, self.inbox_rows) == (expected, expected, expected), str(self)
        assert (self.lost, self.applied_twice, self.unknown, self.dead_letters) == (0, 0, 0, 0), str(self)


def count_effects(databases: Databases, broker: Broker, redeliveries_absorbed: int) -> Tally:
    """Compare auth's outbox and accounts with users' inbox and profiles, id by id."""
    committed = databases.column("auth", "SELECT id FROM outbox_outboxmessage")
    applied = databases.column("users", "SELECT event_id FROM inbox_inboxentry")
    accounts = databases.column("auth", "SELECT id FROM accounts_user")
    profiled = databases.column("users", "SELECT user_id FROM profiles_buyerprofile")
    lost = len(set(committed) - set(applied)) + len(set(accounts) - set(profiled))
    # Both tables have unique constraints, so this is 0 by construction; counted anyway,
    # so that a change to the schema or the handler shows here.
    applied_twice = len(applied) - len(set(applied)) + len(profiled) - len(set(profiled))
    depths = broker.queue_depths()
    return Tally(
        events=len(committed),
        published=depths.get(WITNESS_QUEUE, 0),
        profiles=len(profiled),
        inbox_rows=len(applied),
        lost=lost,
        applied_twice=applied_twice,
        unknown=len(set(applied) - set(committed)) + len(set(profiled) - set(accounts)),
        redeliveries_absorbed=redeliveries_absorbed,
        dead_letters=depths.get(DEAD_LETTERS, 0),
    )


def last_words(process: ServiceProcess) -> str:
    """The messages of the process's last ERROR or CRITICAL log lines (its last lines when none)."""
    errors = []
    for line in process.output:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("log.level") in ("error", "critical"):
            errors.append(str(record.get("message")))
    return " | ".join(errors[-3:]) or process.tail(5)


@dataclass
class EventFleet:
    """The processes of one test, started on demand and all stopped at the end."""

    databases: Databases
    broker: Broker
    relay_env: dict[str, str]
    worker_env: dict[str, str]
    processes: list[ServiceProcess] = field(default_factory=list)
    must_stay_alive: list[ServiceProcess] = field(default_factory=list)

    def start_worker(self, concurrency: int = 1) -> ServiceProcess:
        return self._keep_alive(self._start(users_worker(self.worker_env, concurrency)))

    def start_relay(self) -> ServiceProcess:
        return self._keep_alive(self._start(auth_relay(self.relay_env)))

    def kill(self, process: ServiceProcess) -> None:
        """SIGKILL ``process`` and its children; its death is the test's doing, not a failure."""
        self.must_stay_alive.remove(process)
        process.kill()

    def _keep_alive(self, process: ServiceProcess) -> ServiceProcess:
        self.must_stay_alive.append(process)
        return process

    def assert_alive(self) -> None:
        """Fail at once, with its last words, when a relay or worker ended by itself."""
        for process in self.must_stay_alive:
            assert process.process is not None
            if process.process.poll() is not None:
                raise AssertionError(
                    f"{process.name} exited by itself (code {process.process.returncode}): {last_words(process)}"
                )

    def run_crashing_relay(self, die_after: int, timeout: float = 60) -> int:
        """Run the relay that dies after ``die_after`` publishes until it dies; its exit code."""
        relay = self._start(crashing_auth_relay(self.relay_env, die_after))
        assert relay.process is not None
        return relay.process.wait(timeout)

    def produce(self, count: int, rate: float = 0, tag: str = "rel") -> ProducerRun:
        return start_producer(self.relay_env, count, rate, tag)

    def _start(self, process: ServiceProcess) -> ServiceProcess:
        self.processes.append(process)
        return process.start()

    def redeliveries_absorbed(self) -> int:
        """Deliveries the inbox turned away, as every worker started so far logged them."""
        return sum(
            ALREADY_HANDLED in line for process in self.processes if process.name == "users worker"
            for line in process.output
        )  # fmt: skip

    def settle(self, expected: int, timeout: float = 60) -> Tally:
        """Wait until users applied ``expected`` events and its queues are empty; the tally then."""

        def applied() -> bool:
            self.assert_alive()
            return self.databases.profiles() >= expected and self.databases.inbox_rows() >= expected

        def drained() -> bool:
            self.assert_alive()
            return self.broker.users_queues_drained()

        try:
            wait_until(applied, timeout=timeout, every=0.2, what=f"{expected} profiles and inbox rows")
            # Redelivered copies may still be queued behind the last new event.
            wait_until(drained, timeout=timeout, every=0.5, what="users' queues to drain")
        except AssertionError as failed:
            raise AssertionError(f"{failed}\nthen: {self.state()}") from None
        time.sleep(0.5)  # the last log lines of the worker are still in its pipe
        return count_effects(self.databases, self.broker, self.redeliveries_absorbed())

    def state(self) -> str:
        """Where the events are: for the message of a test that timed out."""
        return (
            f"{self.databases.committed_events()} committed, {self.databases.unsent_events()} unsent, "
            f"{self.databases.inbox_rows()} inbox rows, {self.databases.profiles()} profiles, "
            f"queues {self.broker.queue_depths()}"
        )

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()

    def save_logs(self, folder: Path) -> None:
        """Every line each process printed, one file per process (numbered in start order)."""
        for number, process in enumerate(self.processes, 1):
            (folder / f"{number}-{process.name.replace(' ', '-')}.log").write_text("".join(process.output))

    def tails(self) -> str:
        return "\n".join(f"--- {process.name} ---\n{process.tail()}" for process in self.processes)
