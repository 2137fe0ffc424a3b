"""However the runner stops, nothing it started is left in the process table, Celery beat included.

Each test starts the gateway and auth (a web process, outbox relay, worker and beat; with
their gunicorn workers and Celery pool processes), keeps API traffic on the gateway for a
couple of seconds, stops the runner one way, and reads ``/proc``: every process of the
run carries a marker in its environment, which every child and grandchild inherits.
"""

from __future__ import annotations

import collections
import io
import os
import select
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from common.fleet.console import Console
from common.fleet.guardian import Guardian
from common.fleet.health import port_is_free
from common.fleet.services import get
from common.testing.broker import fresh_vhost

ROOT = Path(__file__).resolve().parents[1]
OFFSET = 10400  # the gateway on 18400, auth on 18401: below the ephemeral range, apart from other tests
GATEWAY, AUTH = get("gateway").port + OFFSET, get("auth").port + OFFSET
ONLY = "gateway,auth"  # auth runs beat; the gateway carries the traffic
MARKER = "BAZAAR_FLEET_STOP_TEST_RUN"
ISOLATION = {
    "BAZAAR_ENV": "local",
    "POSTGRES_DB_PREFIX": "bazaar_fleetstop_",
    "RABBITMQ_URL": "amqp://guest:guest@127.0.0.1:5672/bazaar_fleet_stop",
    # Its own Redis database: the traffic's rate-limit counters stay out of everyone else's.
    "REDIS_URL": "redis://127.0.0.1:6379/9",
    "RATE_LIMIT_PER_IP": "100000",
}
# Every process of a running fleet, by what it is: grandchildren included.
RUNNING = {
    "runner": 1,
    "guardian": 1,
    "gateway web (uvicorn)": 1,
    "gateway worker (main and pool)": 2,
    "auth web (gunicorn master and workers)": 3,
    "auth relay": 1,
    "auth worker (main and pool)": 2,
    "auth beat": 1,
}
ROLES = {
    "-m common.fleet.up ": "runner",
    "-m common.fleet.guardian": "guardian",
    "-m gateway_project.server": "gateway web (uvicorn)",
    "celery -A gateway_project worker": "gateway worker (main and pool)",
    "gunicorn auth_service.wsgi": "auth web (gunicorn master and workers)",
    "auth_service/manage.py relay_events": "auth relay",
    "celery -A auth_service worker": "auth worker (main and pool)",
    "celery -A auth_service beat": "auth beat",
}


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    command: str

    @property
    def role(self) -> str:
        return next((role for text, role in ROLES.items() if text in self.command), self.command)


def processes_of(run: str) -> list[Proc]:
    """Every live process whose environment carries the marker of ``run`` (zombies are not alive)."""
    found = []
    for path in Path("/proc").iterdir():
        if not path.name.isdigit():
            continue
        try:
            if f"{MARKER}={run}".encode() not in (path / "environ").read_bytes().split(b"\0"):
                continue
            stat = (path / "stat").read_text()
            command = (path / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # gone meanwhile, or not ours
            continue
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        if state != "Z":
            found.append(Proc(int(path.name), int(ppid), command))
    return found


def roles(procs: list[Proc]) -> dict[str, int]:
    return dict(collections.Counter(proc.role for proc in procs))


@dataclass
class Runner:
    """``python -m common.fleet.up`` in its own process group, its output read from a pipe we own."""

    run: str
    popen: subprocess.Popen[bytes]
    output: int
    seen: list[str] = field(default_factory=list)
    hang_up: threading.Event = field(default_factory=threading.Event)
    hung_up: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def start(cls) -> Runner:
        run = uuid.uuid4().hex
        output, into = os.pipe()
        popen = subprocess.Popen(
            [sys.executable, "-m", "common.fleet.up", "--port-offset", str(OFFSET), "--only", ONLY, "--skip-prepare"],
            cwd=ROOT,
            env={**os.environ, **ISOLATION, MARKER: run},
            stdin=subprocess.DEVNULL,
            stdout=into,
            stderr=into,
            start_new_session=True,
        )
        os.close(into)
        runner = cls(run, popen, output)
        threading.Thread(target=runner._read, daemon=True).start()
        return runner

    def _read(self) -> None:
        pending = b""
        while not self.hang_up.is_set():
            if not select.select([self.output], [], [], 0.1)[0]:
                continue
            chunk = os.read(self.output, 65536)
            if not chunk:
                break
            *lines, pending = (pending + chunk).split(b"\n")
            self.seen += [line.decode(errors="replace") for line in lines]
        os.close(self.output)
        self.hung_up.set()

    def wait_for(self, *texts: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = next((line for line in list(self.seen) if all(text in line for text in texts)), None)
            if line is not None:
                return line
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} not printed; output:\n" + "\n".join(self.seen[-60:]))

    def close_terminal(self) -> None:
        """Stop reading the runner's output, as a closed terminal or a gone process manager would."""
        self.hang_up.set()
        assert self.hung_up.wait(5)


SIGNUP = "/api/v1/auth/signup"


def new_account() -> dict[str, str]:
    name = "stop" + uuid.uuid4().hex[:10]
    return {"username": name, "email": f"{name}@example.com", "password": "correct horse battery 9", "country": "Peru"}


class Traffic:
    """Clients signed up through the gateway, asking for their account until told to stop."""

    def __init__(self, clients: int = 2) -> None:
        self.statuses: collections.Counter[int | str] = collections.Counter()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._client, daemon=True) for _ in range(clients)]
        for thread in self.threads:
            thread.start()

    def _client(self) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{GATEWAY}", timeout=5) as client:
            while (
                not self.stop.is_set()
                and self._count(lambda: client.post(SIGNUP, json=new_account(), timeout=60)) != 201
            ):
                pass  # a busy machine may time a cold web process out (504): another account
            while not self.stop.is_set():
                self._count(lambda: client.get("/api/v1/auth/me"))

    def _count(self, call: Callable[[], httpx.Response]) -> int | str:
        try:
            outcome: int | str = call().status_code
        except httpx.HTTPError as error:  # the fleet is going away
            outcome = type(error).__name__
            time.sleep(0.05)
        self.statuses[outcome] += 1
        return outcome

    def finish(self) -> collections.Counter[int | str]:
        self.stop.set()
        for thread in self.threads:
            thread.join(10)
        return self.statuses


@pytest.fixture(scope="module")
def prepared() -> None:
    """The run's databases, migrated once; a vhost of its own for its workers and beat."""
    fresh_vhost(ISOLATION["RABBITMQ_URL"].rsplit("/", 1)[1])
    subprocess.run(
        [sys.executable, "-m", "common.fleet.prepare", "--only", ONLY],
        cwd=ROOT,
        env={**os.environ, **ISOLATION},
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture
def running(prepared: None) -> Iterator[Runner]:
    """A fleet up, its workers and beat running; whatever the test leaves of it is killed afterwards."""
    for port in (GATEWAY, AUTH):  # the previous test's fleet may still be letting go of its ports
        deadline = time.monotonic() + 15
        while not port_is_free(port) and time.monotonic() < deadline:
            time.sleep(0.2)
    runner = Runner.start()
    try:
        runner.wait_for("Bazaar is up", timeout=120)
        # Said before the ready line, which waits for every process.
        for process in ("auth-beat", "auth-worker", "gateway-worker"):
            runner.wait_for(process, "| ready", timeout=1)
        yield runner
    finally:
        if runner.popen.poll() is None:
            os.killpg(runner.popen.pid, signal.SIGKILL)
            runner.popen.wait()
        leftovers = processes_of(runner.run)
        for proc in leftovers:  # never leave a test's processes behind, whatever it asserted
            os.kill(proc.pid, signal.SIGKILL)


def under_traffic(runner: Runner, seconds: float = 2.0) -> Traffic:
    """Traffic started, and running: for ``seconds`` at least, and until signed-up clients got answers."""
    traffic, started = Traffic(), time.monotonic()
    while traffic.statuses[201] < 2 or traffic.statuses[200] < 20 or time.monotonic() - started < seconds:
        assert time.monotonic() - started < 120, traffic.statuses
        time.sleep(0.1)
    assert roles(processes_of(runner.run)) == RUNNING
    return traffic


def gone(run: str, timeout: float) -> list[Proc]:
    """What of ``run`` is still alive after up to ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while (left := processes_of(run)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def kill_the_auth_worker(runner: Runner) -> None:
    (worker,) = [
        proc
        for proc in processes_of(runner.run)
        if proc.role == "auth worker (main and pool)" and proc.ppid == runner.popen.pid
    ]
    os.kill(worker.pid, signal.SIGKILL)  # its pool process is orphaned


def hang_up(runner: Runner) -> None:
    """The terminal closes: nobody reads the runner's output any more, and its group gets SIGHUP."""
    runner.close_terminal()
    os.killpg(runner.popen.pid, signal.SIGHUP)


# Each signal reaches the runner alone and its whole group in one path or another (SIGINT to
# the group: the refused-runner test below); every start costs seconds of CI.
STOPS: dict[str, tuple[Callable[[Runner], None], int]] = {
    "SIGINT to the runner": (lambda runner: os.kill(runner.popen.pid, signal.SIGINT), 0),
    "SIGTERM to its process group": (lambda runner: os.killpg(runner.popen.pid, signal.SIGTERM), 0),
    "SIGHUP to its process group, its terminal gone": (hang_up, 0),
    "a child that dies": (kill_the_auth_worker, 1),
}


@pytest.mark.parametrize("stop", list(STOPS))
def test_once_the_runner_has_exited_nothing_it_started_is_alive(running: Runner, stop: str) -> None:
    send, code = STOPS[stop]
    traffic = under_traffic(running)

    send(running)

    assert running.popen.wait(timeout=60) == code
    assert processes_of(running.run) == []
    assert port_is_free(GATEWAY) and port_is_free(AUTH)
    assert not any("still running after SIGKILL" in line for line in running.seen)
    traffic.finish()
    if code == 1:
        running.wait_for("auth-worker exited with code -9: stopping the fleet", timeout=1)


def test_a_runner_killed_with_sigkill_leaves_nothing_once_its_guardian_has_acted(running: Runner) -> None:
    traffic = under_traffic(running)

    running.popen.kill()

    assert running.popen.wait(timeout=10) == -signal.SIGKILL
    assert gone(running.run, timeout=10) == []
    traffic.finish()


def test_a_second_runner_on_the_same_ports_is_refused_starts_nothing_and_leaves_the_first_alone(
    running: Runner,
) -> None:
    traffic = under_traffic(running)
    before = sorted(processes_of(running.run), key=lambda proc: proc.pid)

    second = Runner.start()

    assert second.popen.wait(timeout=60) == 1
    second.wait_for(f"ports already in use: gateway ({GATEWAY}), auth ({AUTH}) (is another fleet running?)", timeout=5)
    assert processes_of(second.run) == []
    assert sorted(processes_of(running.run), key=lambda proc: proc.pid) == before
    assert httpx.get(f"http://127.0.0.1:{GATEWAY}/health", timeout=5).status_code == 200

    os.killpg(running.popen.pid, signal.SIGINT)  # Ctrl-C in its terminal

    assert running.popen.wait(timeout=60) == 0
    assert processes_of(running.run) == []
    traffic.finish()


# --- the pieces: the guardian, the subreaper, the console ---------------------------------


def a_group_whose_grandchild_ignores_its_parent() -> subprocess.Popen[bytes]:
    """A process group like a gunicorn master's: a leader and a child that lives on without it."""
    popen = subprocess.Popen(["sh", "-c", "sleep 600 & wait"], start_new_session=True)
    deadline = time.monotonic() + 10
    while len(members_of(popen.pid)) < 2:
        assert time.monotonic() < deadline, "sleep did not start"
        time.sleep(0.05)
    return popen


def members_of(pgid: int) -> list[int]:
    """Live processes of the group ``pgid``."""
    members = []
    for path in Path("/proc").iterdir():
        try:
            fields = (path / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(path.name))
    return members


def test_the_guardian_kills_every_group_it_was_told_about_when_its_runner_goes_without_saying_done() -> None:
    group = a_group_whose_grandchild_ignores_its_parent()
    guardian = Guardian()
    guardian.watch(group.pid)

    guardian.abandon()  # what the end of its input looks like when the runner is SIGKILLed

    assert group.wait(timeout=5) == -signal.SIGKILL
    deadline = time.monotonic() + 5
    while members_of(group.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert members_of(group.pid) == []
    assert guardian.popen.returncode == 0


def test_the_guardian_kills_nothing_once_the_runner_said_done() -> None:
    group = a_group_whose_grandchild_ignores_its_parent()
    guardian = Guardian()
    guardian.watch(group.pid)

    guardian.release()

    assert guardian.popen.returncode == 0
    assert len(members_of(group.pid)) == 2
    os.killpg(group.pid, signal.SIGKILL)
    group.wait()


SUBREAPER = """
import os, subprocess, time
from common.fleet.reaper import become_subreaper, descendants, sweep
print(become_subreaper())
subprocess.run(["sh", "-c", "setsid sleep 600 &"], check=True)  # in a session of its own, its parent gone
deadline = time.monotonic() + 10
while not [entry for entry in descendants(os.getpid()) if entry.ppid == os.getpid()]:
    assert time.monotonic() < deadline
    time.sleep(0.05)
print(len(descendants(os.getpid())), sweep(keep=set()), descendants(os.getpid()))
"""


def test_a_subreaper_finds_an_orphan_that_left_every_group_and_kills_and_reaps_it() -> None:
    done = subprocess.run([sys.executable, "-c", SUBREAPER], cwd=ROOT, capture_output=True, text=True, timeout=30)

    assert (done.stdout, done.stderr) == ("True\n1 [] []\n", "")


class GoneTerminal(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_the_console_goes_quiet_when_its_terminal_is_gone_instead_of_failing_the_stop() -> None:
    console = Console(GoneTerminal())

    console.line("fleet", "stopping the fleet")
    console.line("fleet", "stopped")

    assert console.lost
