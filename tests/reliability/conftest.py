"""Fixtures of the reliability tests: fresh databases once, a fresh vhost and empty tables per test.

Each test ends with one line of figures; they are printed in the test's output and again
in a "reliability" section at the end of the pytest run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.harness import (
    DB_PREFIX,
    Broker,
    Databases,
    EventFleet,
    Tally,
    exclusive_use,
    process_env,
    recreate_databases,
    start_rabbitmq,
)

RESULTS: list[str] = []


@pytest.fixture(scope="session")
def rel_databases() -> Iterator[Databases]:
    """``bazaar_rel_auth`` and ``bazaar_rel_users``, dropped, created and migrated for this run (and only it)."""
    with exclusive_use(DB_PREFIX):
        recreate_databases(DB_PREFIX, process_env(Broker(), None))
        yield Databases()


@pytest.fixture(scope="session", autouse=True)
def rabbitmq_left_running() -> Iterator[None]:
    """Whatever a test did to RabbitMQ, it runs again when the tests end (it serves others too)."""
    yield
    start_rabbitmq()


@pytest.fixture
def fleet(rel_databases: Databases, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[EventFleet]:
    """A fresh vhost and empty tables; the processes the test starts are stopped at its end."""
    broker = Broker()
    broker.reset()
    rel_databases.empty()
    relay_env = process_env(broker, "auth_service.settings")
    worker_env = process_env(broker, None, EVENT_RETRY_BASE_SECONDS="0.2")
    running = EventFleet(rel_databases, broker, relay_env, worker_env)
    try:
        yield running
    finally:
        running.stop()
        running.save_logs(tmp_path)
        if getattr(request.node, "failed_call", False):
            print(f"{running.tails()}\nfull logs in {tmp_path}")


@pytest.fixture
def report(request: pytest.FixtureRequest) -> Any:
    """``report(tally, extra)``: print the test's figures and keep them for the run's summary."""

    def record(tally: Tally, extra: str = "") -> None:
        line = f"{request.node.name}: {tally}{'; ' + extra if extra else ''}"
        print(line)
        RESULTS.append(line)

    return record


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    if call.when == "call":
        item.failed_call = outcome.get_result().failed  # type: ignore[attr-defined]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if RESULTS:
        terminalreporter.section("reliability")
        for line in RESULTS:
            terminalreporter.write_line(line)
