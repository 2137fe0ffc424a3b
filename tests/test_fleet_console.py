"""The quiet runner's console: what it shows, what only the log files get, and ``make logs``."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from common.fleet.console import Console
from common.fleet.logfiles import fresh_log, log_dir
from common.fleet.logs import Followed, files_of, follow
from common.fleet.loudness import Loudness, line_level
from common.fleet.supervisor import Supervisor

ROOT = Path(__file__).resolve().parents[1]
OFFSET = 10500  # a log folder of its own: .run/logs-10500

QUIET = [
    '{"timestamp": "2026-12-03 15:50:52,990", "level": "INFO", "logger": "bazaar.requests", "message": "request"}',
    "[2026-12-03 15:50:16 +0000] [11616] [INFO] Starting gunicorn 23.0.0",
    " -------------- users@vm v5.5.3 (immunity)",
    "[2026-12-03 15:50:16,120: INFO/MainProcess] Connected to amqp://guest:**@127.0.0.1:5672//",
    "INFO:     Uvicorn running on http://127.0.0.1:8000",
    '127.0.0.1 [03/Dec/2026:15:51:06 +0000] "POST /_config/webhooks/bazaar HTTP/1.1" 200 131',
    "mail to dora@example.com: Hello Dora → .run/mail/1-dora@example.com.eml",
    "",
]
LOUD = [
    '{"timestamp": "2026-12-03 15:50:52,990", "level": "WARNING", "logger": "common.http", "message": "retrying"}',
    '{"@timestamp": "2026-12-03T15:50:52.990Z", "log.level": "error", "message": "event failed"}',
    '{"@timestamp": "2026-12-03T15:50:52.990Z", "log": {"level": "critical"}, "message": "gone"}',
    "[2026-12-03 15:50:16 +0000] [11616] [ERROR] Exception in worker process",
    "[2026-12-03 15:50:16,120: WARNING/MainProcess] consumer: Connection to broker lost.",
    "WARNING:  Invalid HTTP request received.",
    "2026/12/03 15:50:16 [warn] 123#0: the ssl_stapling directive is ignored",
    "/venv/celery/platforms.py:841: SecurityWarning: You're running the worker with superuser privileges: this is",
]


@pytest.mark.parametrize("line", LOUD)
def test_a_warning_or_an_error_is_loud_in_every_dialect_a_process_writes(line):
    assert Loudness().is_loud(line)


@pytest.mark.parametrize("line", QUIET)
def test_info_lines_banners_access_lines_and_blank_lines_are_quiet(line):
    assert not Loudness().is_loud(line)


def test_the_level_is_read_from_our_json_lines_and_from_ecs_ones():
    assert line_level('{"level": "WARNING", "message": "x"}') == "WARNING"
    assert line_level('{"log.level": "warning", "message": "x"}') == "WARNING"
    assert line_level('{"log": {"level": "info"}, "message": "x"}') == "INFO"
    assert line_level('{"message": "no level"}') is None
    assert line_level("{not json") is None


def test_every_line_of_a_traceback_is_loud_and_the_line_after_it_is_not():
    loudness = Loudness()
    traceback = [
        "Traceback (most recent call last):",
        '  File "/app/manage.py", line 22, in <module>',
        "    main()",
        "ValueError: first",
        "",
        "During handling of the above exception, another exception occurred:",
        "",
        "Traceback (most recent call last):",
        '  File "/app/manage.py", line 24, in <module>',
        "django.core.exceptions.ImproperlyConfigured: BAZAAR_ENV must be one of local, test, production",
    ]
    after = "[2026-12-03 15:50:16 +0000] [11616] [INFO] Worker exiting (pid: 11616)"

    shown = [line for line in [*traceback, after] if loudness.is_loud(line)]

    assert shown == traceback[:4] + traceback[5:]


# --- the supervisor: one child's lines, to its file and (loud ones) to the console ---------

CHILD = textwrap.dedent(
    """
    import json, sys, time
    print(json.dumps({"level": "INFO", "message": "request", "route": "/api/v1/gigs"}))
    print(" -------------- [queues]")
    print(json.dumps({"level": "WARNING", "message": "circuit open"}))
    print("Traceback (most recent call last):")
    print('  File "x.py", line 1, in <module>')
    print("RuntimeError: boom")
    print("worker@host ready.")
    print("[2026-12-03 15:50:16 +0000] [7] [INFO] Booting worker with pid: 7")
    sys.stdout.flush()
    time.sleep(30)
    """
)
CHILD_LINES = [
    '{"level": "INFO", "message": "request", "route": "/api/v1/gigs"}',
    " -------------- [queues]",
    '{"level": "WARNING", "message": "circuit open"}',
    "Traceback (most recent call last):",
    '  File "x.py", line 1, in <module>',
    "RuntimeError: boom",
    "worker@host ready.",
    "[2026-12-03 15:50:16 +0000] [7] [INFO] Booting worker with pid: 7",
]
WARNS = "import warnings; warnings.warn('the same on every worker', UserWarning); import time; time.sleep(30)"


@pytest.fixture
def supervised(tmp_path: Path) -> Iterator[tuple[io.StringIO, list[Supervisor]]]:
    """A console to read, and the supervisors a test makes (stopped afterwards)."""
    made: list[Supervisor] = []
    yield io.StringIO(), made
    for supervisor in made:
        supervisor.stop_all(grace_seconds=2)


def run_child(supervisor: Supervisor, name: str, code: str, ready_when: str | None = None) -> None:
    """Start ``python -c code`` under ``supervisor`` and wait until its output has been copied."""
    child = supervisor.start(name, [sys.executable, "-c", code], ready_when)
    deadline = time.monotonic() + 20
    log = supervisor.log_of(name)
    while not (log.exists() and log.read_text().count("\n") >= code.count("print(")):
        assert time.monotonic() < deadline and child.returncode is None, log.read_text()
        time.sleep(0.05)


def console_lines(console: io.StringIO, at_least: int = 0) -> list[str]:
    """The console's lines, once there are ``at_least`` (the copying thread may still be writing)."""
    deadline = time.monotonic() + 5
    while len(console.getvalue().splitlines()) < at_least and time.monotonic() < deadline:
        time.sleep(0.05)
    return console.getvalue().splitlines()


def shown(process: str, text: str) -> str:
    """A line as the console prints it."""
    return f"{process:<20}| {text}".rstrip()


def test_a_quiet_console_shows_warnings_errors_and_readiness_and_the_file_gets_every_line(supervised, tmp_path):
    console, made = supervised
    made.append(supervisor := Supervisor(Console(console), dict(os.environ), tmp_path / "logs"))

    run_child(supervisor, "gigs-worker", CHILD, ready_when=" ready.")

    assert console_lines(console, at_least=5) == [
        shown("gigs-worker", '{"level": "WARNING", "message": "circuit open"}'),
        shown("gigs-worker", "Traceback (most recent call last):"),
        shown("gigs-worker", '  File "x.py", line 1, in <module>'),
        shown("gigs-worker", "RuntimeError: boom"),
        shown("gigs-worker", "ready"),
    ]
    assert (tmp_path / "logs" / "gigs-worker.log").read_text().splitlines() == CHILD_LINES
    assert supervisor.not_ready() == []


def test_a_verbose_console_shows_every_line_and_the_file_still_gets_them(supervised, tmp_path):
    console, made = supervised
    made.append(supervisor := Supervisor(Console(console), dict(os.environ), tmp_path / "logs", verbose=True))

    run_child(supervisor, "gigs-worker", CHILD, ready_when=" ready.")

    assert console_lines(console, at_least=9) == [
        *(shown("gigs-worker", line) for line in CHILD_LINES[:7]),
        shown("gigs-worker", "ready"),
        shown("gigs-worker", CHILD_LINES[7]),
    ]
    assert (tmp_path / "logs" / "gigs-worker.log").read_text().splitlines() == CHILD_LINES


def test_a_python_warning_every_worker_gives_is_shown_once_and_kept_in_each_file(supervised, tmp_path):
    console, made = supervised
    made.append(supervisor := Supervisor(Console(console), dict(os.environ), tmp_path / "logs"))

    for name in ("users-worker", "gigs-worker"):
        supervisor.start(name, [sys.executable, "-c", WARNS])
    deadline = time.monotonic() + 20
    logs = [tmp_path / "logs" / f"{name}.log" for name in ("users-worker", "gigs-worker")]
    while not all(log.exists() and "UserWarning" in log.read_text() for log in logs):
        assert time.monotonic() < deadline
        time.sleep(0.05)

    shown = [line for line in console_lines(console) if "UserWarning: the same on every worker" in line]
    assert len(shown) == 1


def test_a_child_not_yet_ready_is_listed_until_its_ready_text_comes(supervised, tmp_path):
    console, made = supervised
    made.append(supervisor := Supervisor(Console(console), dict(os.environ), tmp_path / "logs"))

    child = supervisor.start("auth-beat", [sys.executable, "-c", "import time; time.sleep(30)"], "beat: Starting...")

    assert supervisor.not_ready() == [child]
    assert console_lines(console) == []


def test_each_start_begins_a_fresh_file_and_keeps_the_previous_runs_as_dot_1(tmp_path):
    with fresh_log(tmp_path, "gigs") as log:
        log.write("first run\n")
    with fresh_log(tmp_path, "gigs") as log:
        log.write("second run\n")
    with fresh_log(tmp_path, "gigs") as log:
        log.write("third run\n")

    assert sorted(path.name for path in tmp_path.iterdir()) == ["gigs.log", "gigs.log.1"]
    assert (tmp_path / "gigs.log").read_text() == "third run\n"
    assert (tmp_path / "gigs.log.1").read_text() == "second run\n"


def test_each_fleet_has_its_own_log_folder():
    assert log_dir(0) == ROOT / ".run" / "logs"
    assert log_dir(20000) == ROOT / ".run" / "logs-20000"


# --- make logs ---------------------------------------------------------------------------


def write_logs(folder: Path, lines: dict[str, list[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for process, written in lines.items():
        (folder / f"{process}.log").write_text("".join(f"{line}\n" for line in written))


def test_a_service_name_follows_all_of_its_processes_and_a_process_name_only_that_one(tmp_path):
    write_logs(tmp_path, {"gigs": [], "gigs-relay": [], "gigs-worker": [], "gigs-beat": [], "users": []})

    assert [path.name for path in files_of("gigs", tmp_path)] == [
        "gigs.log",
        "gigs-relay.log",
        "gigs-worker.log",
        "gigs-beat.log",
    ]
    assert [path.name for path in files_of("gigs-worker", tmp_path)] == ["gigs-worker.log"]
    assert files_of("chat", tmp_path) == []


def test_following_prints_the_last_lines_then_new_ones_and_starts_over_when_a_new_run_starts_the_file(tmp_path):
    write_logs(tmp_path, {"gigs": ["one", "two", "three"]})
    followed = Followed(tmp_path / "gigs.log")
    console = io.StringIO()

    follow([followed], Console(console), lines=2, forever=False)
    with (tmp_path / "gigs.log").open("a") as log:
        log.write("four\nfive (half")
    first = followed.new_lines()
    with (tmp_path / "gigs.log").open("a") as log:
        log.write(" written)\n")
    second = followed.new_lines()
    (tmp_path / "gigs.log").rename(tmp_path / "gigs.log.1")
    write_logs(tmp_path, {"gigs": ["next run"]})

    assert console_lines(console) == [shown("gigs", "two"), shown("gigs", "three")]
    assert (first, second, followed.new_lines()) == (["four"], ["five (half written)"], ["next run"])


@pytest.fixture
def fleet_logs() -> Iterator[Path]:
    """The log folder of a fleet on ``OFFSET``, removed afterwards."""
    folder = log_dir(OFFSET)
    yield folder
    for path in folder.glob("*"):
        path.unlink()
    folder.rmdir()


def follower(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "common.fleet.logs", *args, "--port-offset", str(OFFSET)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_make_logs_follows_a_service_until_ctrl_c(fleet_logs):
    write_logs(fleet_logs, {"orders": ["GET /health 200"], "orders-worker": ["task ran"], "ordersx": ["not it"]})
    running = follower("orders", "--lines", "5")
    time.sleep(1.5)
    with (fleet_logs / "orders-worker.log").open("a") as log:
        log.write("another task ran\n")
    time.sleep(1.5)
    running.send_signal(signal.SIGINT)
    output, _ = running.communicate(timeout=10)

    assert running.returncode == 0
    assert output.splitlines() == [
        shown("orders", "GET /health 200"),
        shown("orders-worker", "task ran"),
        shown("orders-worker", "another task ran"),
    ]


def test_make_logs_of_an_unknown_name_says_which_logs_there_are(fleet_logs):
    write_logs(fleet_logs, {"orders": [], "orders-worker": []})

    output, _ = follower("payments", "--no-follow").communicate(timeout=30)

    assert output.strip() == shown("fleet", f"no log of payments in {fleet_logs}; there are: orders, orders-worker")
