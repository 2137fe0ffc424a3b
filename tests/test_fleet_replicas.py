"""``python -m common.fleet.up --replicas chat=2,gateway=2``: what each copy runs and where it listens.

The replicas working together under load are proven by tests/e2e_scale; here, what the
runner starts for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from common.fleet.commands import ReadyWhen, web_command, worker_command
from common.fleet.console import Console
from common.fleet.replicas import check_started, parse_replicas, web_ports
from common.fleet.services import get, select
from common.fleet.up import ready_line, start_fleet

ROOT = Path(__file__).resolve().parents[1]


class Recorder:
    """Stands in for the supervisor: remembers what it was asked to start, starts nothing."""

    def __init__(self) -> None:
        self.console = Console()
        self.started: dict[str, list[str]] = {}
        self.ready_when: dict[str, str | None] = {}

    def start(self, name: str, command: list[str], ready_when: str | None = None) -> None:
        self.started[name] = command
        self.ready_when[name] = ready_when


def test_replicas_are_named_with_a_count_each():
    assert parse_replicas("chat=2, gateway=3") == {"chat": 2, "gateway": 3}
    assert parse_replicas("") == {}


@pytest.mark.parametrize(
    ("value", "complaint"),
    [("payments=2", "unknown process 'payments'"), ("chat", "'chat' is not NAME=N"), ("chat=0", "'chat=0' is not")],
)
def test_a_replica_count_that_is_not_a_known_name_and_a_positive_number_is_refused(value, complaint):
    with pytest.raises(ValueError, match=complaint):
        parse_replicas(value)


def test_a_process_replicated_but_not_started_is_refused():
    with pytest.raises(ValueError, match="not started in this run: chat"):
        check_started({"chat": 2}, select(["users"]))


def test_service_replicas_share_the_services_port_and_gateway_replicas_take_one_each():
    ports = web_ports(select(["gateway", "chat"]), {"chat": 2, "gateway": 2}, 19000)

    assert ports == {"gateway": 27000, "gateway-2": 27100, "chat": 27004, "chat-2": 27004}


def test_each_replica_runs_its_own_web_server_relay_and_worker_and_beat_runs_once():
    supervisor = Recorder()

    start_fleet(supervisor, select(["orders"]), 0, workers=True, counts={"orders": 2})  # type: ignore[arg-type]

    assert sorted(supervisor.started) == [
        "orders",
        "orders-2",
        "orders-beat",
        "orders-relay",
        "orders-relay-2",
        "orders-worker",
        "orders-worker-2",
    ]
    assert supervisor.started["orders"] == supervisor.started["orders-2"]
    assert supervisor.started["orders"][-1] == "--reuse-port"
    assert supervisor.started["orders-relay"] == supervisor.started["orders-relay-2"]
    assert "orders-2@%h" in supervisor.started["orders-worker-2"]
    # Each says in its own words when it is ready; a web replica is asked its /health.
    assert supervisor.ready_when == {
        "orders": None,
        "orders-2": None,
        "orders-relay": ReadyWhen.RELAY,
        "orders-relay-2": ReadyWhen.RELAY,
        "orders-worker": ReadyWhen.WORKER,
        "orders-worker-2": ReadyWhen.WORKER,
        "orders-beat": ReadyWhen.BEAT,
    }


def test_a_process_run_once_binds_its_port_alone_as_the_cluster_runs_it():
    supervisor = Recorder()

    start_fleet(supervisor, select(["chat"]), 0, workers=True)  # type: ignore[arg-type]

    assert sorted(supervisor.started) == ["chat", "chat-relay", "chat-worker"]
    assert "--reuse-port" not in supervisor.started["chat"]
    assert supervisor.started["chat"] == web_command(get("chat"), 8004)
    assert supervisor.started["chat-worker"] == worker_command(get("chat"))
    assert "chat@%h" in worker_command(get("chat"))


def test_the_gateway_cannot_share_a_port():
    with pytest.raises(ValueError, match="cannot share a port"):
        web_command(get("gateway"), 8000, reuse_port=True)


def test_the_ready_line_names_every_gateway():
    line = ready_line(select(["gateway", "chat"]), 19000, {"gateway": 2})

    assert line == "Bazaar is up: gateway at http://127.0.0.1:27000 and http://127.0.0.1:27100 (2 services ready)"


@pytest.mark.parametrize(
    ("runner", "args", "said"),
    [
        ("common.fleet.up", ["--only", "users", "--replicas", "chat=2"], "not started in this run: chat"),
        ("common.fleet.prod", ["--replicas", "chat=2"], "--replicas is for make up"),
    ],
)
def test_a_run_that_cannot_have_those_replicas_says_so_and_starts_nothing(runner, args, said):
    env = {**os.environ, "BAZAAR_ENV": "local", "FLEET_PORT_OFFSET": "10400"}

    ran = subprocess.run(
        [sys.executable, "-m", runner, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert ran.returncode == 2
    assert said in ran.stdout
