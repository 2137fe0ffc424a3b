"""The real fleet, started once for the e2e tests on its own ports, databases, vhost and SMTP server."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
import redis

from common.fleet.commands import web_command
from common.fleet.services import get, parse_only, select
from common.testing.broker import fresh_vhost
from tests.e2e.mailbox import Mailbox
from tests.e2e.realtime_clients import Frames, SocketIOFrames, WebSocketFrames, ticket_for
from tests.running_fleet import ROOT, Fleet, launch_runner, runner_env, stop_fleet, wait_until_ready

if TYPE_CHECKING:
    from tests.e2e.marketplace import Member, Seller

# Every port of the e2e fleet (28000-28007, localstripe 28420) lies below Linux's ephemeral
# range (32768-60999): a burst of client connections in an earlier suite takes consecutive
# ephemeral ports and could otherwise hold one of them when the fleet starts.
PORT_OFFSET = 20000
# The whole fleet, each process with its worker and outbox relay; the gateway's worker pushes
# chat, order and notification events to the websockets. The runner starts localstripe for
# orders on STRIPE_API_BASE's default port moved by the offset, and gives it the webhook.
E2E_FLEET = "gateway,auth,users,gigs,chat,orders,reviews,notifications"
STRIPE_API_BASE = f"http://127.0.0.1:{8420 + PORT_OFFSET}"
# Its own Redis database, emptied at start: rate-limit counters of other runs on this
# machine (benchmarks, other suites) must not leak into these tests.
REDIS_URL = "redis://127.0.0.1:6379/5"
# Its own RabbitMQ vhost, made empty at start: no event of another run reaches these workers.
VHOST = "bazaar_e2e"
FRONTEND_URL = "http://localhost:3000"


def start_fleet(only: str, *, env: dict[str, str], timeout: float = 180) -> Fleet:
    """Start ``python -m common.fleet.up --only <only>`` with ``env`` added and wait for its ready line."""
    env = runner_env(
        port_offset=PORT_OFFSET,
        db_prefix="bazaar_e2e_",
        redis_url=REDIS_URL,
        FRONTEND_URL=FRONTEND_URL,
        # Every e2e request comes from 127.0.0.1, like a whole office behind one address; the
        # per-IP budget is proven by the gateway's suite, the guarded-attempt limits stay.
        RATE_LIMIT_PER_IP="100000",
        # The contract test (test_contract.py) sends thousands of requests as one member; the
        # per-user budget is proven by the gateway's suite as well.
        RATE_LIMIT_PER_USER="100000",
        # Earnings clear after 13 seconds instead of 14 days (test_payouts_journey.py), and
        # orders' beat looks for them every second.
        EARNINGS_CLEARING_DAYS="0.00015",
        **env,
    )
    fleet = Fleet(launch_runner("--only", only, env=env), f"http://127.0.0.1:{8000 + PORT_OFFSET}", env)
    wait_until_ready(fleet, timeout=timeout)
    return fleet


@contextlib.contextmanager
def another_gateway(fleet: Fleet, port: int, **service_urls: str) -> Iterator[str]:
    """One more gateway process of ``fleet`` on ``port`` (``ORDERS_SERVICE_URL=...`` overrides); its URL."""
    urls = {p.url_variable: f"http://127.0.0.1:{p.port + PORT_OFFSET}" for p in select(parse_only(E2E_FLEET))}
    env = {**fleet.env, **urls, **service_urls, "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(web_command(get("gateway"), port), cwd=ROOT, env=env, stdout=log, stderr=log)
        url = f"http://127.0.0.1:{port}"
        try:
            if not _became_healthy(url, process):
                log.seek(0)
                pytest.fail(f"the gateway at {url} did not start:\n{log.read()[-3000:]}")
            yield url
        finally:
            process.terminate()
            process.wait(10)
            # Part of the run's output: the log check (test_logs_keep_no_secret) scans it too.
            log.seek(0)
            fleet.output.extend(log.readlines())


def _became_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    return False


@pytest.fixture(scope="package")
def mailbox() -> Iterator[Mailbox]:
    """The SMTP server every email of the e2e fleet goes to, and what it received."""
    server = Mailbox().start()
    yield server
    server.stop()


def drop_databases() -> None:
    """The suite's databases, dropped: the runner makes and migrates them anew.

    Branches worked on side by side run this suite on the same machine; a database another
    branch migrated further would fail this branch's tests for no fault of theirs.
    """
    from common.fleet.databases import connect_admin
    from common.fleet.health import port_is_free

    # A fleet of this suite still running uses them: leave them, and let the runner say so.
    if not port_is_free(8000 + PORT_OFFSET):
        return
    with connect_admin() as admin:
        for name in E2E_FLEET.split(",")[1:]:
            admin.execute(f'DROP DATABASE IF EXISTS "bazaar_e2e_{name}" WITH (FORCE)')


@pytest.fixture(scope="package")
def fleet(mailbox: Mailbox) -> Iterator[Fleet]:
    """The whole fleet and its localstripe, running for real; stopped after the last e2e test.

    ``mailbox`` already listens on ``EMAIL_PORT``, so the runner starts no mail sink of its own.
    """
    smtp = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(mailbox.port)}
    drop_databases()
    running = start_fleet(E2E_FLEET, env={"RABBITMQ_URL": fresh_vhost(VHOST), **smtp})
    yield running
    stop_fleet(running)


@pytest.fixture
def new_account() -> dict[str, str]:
    """Signup fields of an account nobody has used yet."""
    name = "e2e" + uuid.uuid4().hex[:10]
    return {"username": name, "email": f"{name}@example.com", "password": "correct horse battery 9", "country": "Peru"}


# --- helpers for the attack, bad-input, recovery and operations tests --------------------

AUTH_DATABASE = "bazaar_e2e_auth"
AUTH_SERVICE_URL = f"http://127.0.0.1:{8001 + PORT_OFFSET}"
# Counters of guarded attempts (signin, one-time code, forgot-password): the gateway's per-IP
# ones and the auth service's per-account and per-IP ones. Every test comes from 127.0.0.1.
ATTEMPT_COUNTER_PATTERNS = ("rl:s:*", "auth:attempts:*")


@dataclass
class AuthDatabase:
    """Read-only looks into the auth service's database (rows and the outbox).

    The relay marks a sent row ``published_at`` and keeps it for ``OUTBOX_RETENTION_DAYS``,
    so every event of a test run can still be read here after it went out.
    """

    dsn: str

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as connection:
            return connection.execute(sql, params).fetchall()

    def row_counts(self) -> dict[str, int]:
        """How many accounts and outbox messages exist."""
        (users, messages), *_ = self._query(
            "SELECT (SELECT count(*) FROM accounts_user), (SELECT count(*) FROM outbox_outboxmessage)"
        )
        return {"accounts_user": int(users), "outbox_outboxmessage": int(messages)}  # type: ignore[call-overload]

    def events(self, event_type: str, *, email: str) -> list[dict[str, object]]:
        """The ``data`` of every outbox message of ``event_type`` about ``email``, newest first."""
        rows = self._query(
            "SELECT data FROM outbox_outboxmessage WHERE type = %s AND lower(data->>'email') = lower(%s)"
            " ORDER BY occurred_at DESC",
            (event_type, email),
        )
        return [row[0] for row in rows]  # type: ignore[misc]


@pytest.fixture(scope="package")
def auth_db(fleet: Fleet) -> AuthDatabase:
    """The e2e auth database (created and migrated by the fleet)."""
    return AuthDatabase(f"host=127.0.0.1 port=5432 user=postgres dbname={AUTH_DATABASE}")


def forget_attempt_counters() -> None:
    """Delete the guarded-attempt counters in the e2e Redis database."""
    client = redis.Redis.from_url(REDIS_URL)
    for pattern in ATTEMPT_COUNTER_PATTERNS:
        keys = list(client.scan_iter(match=pattern, count=500))
        if keys:
            client.delete(*keys)


@pytest.fixture
def clean_attempt_counters() -> Iterator[None]:
    """For a test that makes failed signins, codes or reset requests: fresh counters before, none left after."""
    forget_attempt_counters()
    yield
    forget_attempt_counters()


@dataclass
class SignedUp:
    """An account just created through the gateway by its own browser (cookies and device)."""

    browser: httpx.Client
    account: dict[str, str]
    user: dict[str, object]
    access: str


@pytest.fixture
def signed_up(fleet: Fleet, new_account: dict[str, str]) -> Iterator[SignedUp]:
    """A fresh account, signed up through the gateway; its browser is closed afterwards."""
    browser = fleet.client()
    response = browser.post("/api/v1/auth/signup", json=new_account)
    assert response.status_code == 201, response.text
    body = response.json()
    yield SignedUp(browser=browser, account=new_account, user=body["user"], access=body["access"])
    browser.close()


# --- the marketplace: members, sellers, real-time connections (tests/e2e/marketplace.py) ---


@pytest.fixture(scope="package")
def seller(fleet: Fleet, mailbox: Mailbox) -> Iterator[Seller]:
    """A verified seller with one active gig, shared by the chat and offer tests (each with its own buyers)."""
    from tests.e2e.marketplace import make_seller

    made = make_seller(
        fleet, mailbox, "seller", title="I will build your Django REST API", category="Programming & Tech"
    )
    yield made
    made.browser.close()


@pytest.fixture
def members(fleet: Fleet) -> Iterator[Callable[..., Member]]:
    """Signs up fresh members (``members("buyer")``); their browsers are closed afterwards."""
    from tests.e2e.marketplace import sign_up

    made: list[Member] = []

    def sign_up_one(prefix: str = "member") -> Member:
        made.append(sign_up(fleet, prefix))
        return made[-1]

    yield sign_up_one
    for member in made:
        member.browser.close()


@pytest.fixture
def buyer(members: Callable[..., Member]) -> Member:
    """A fresh member who talks to the seller."""
    return members("buyer")


@pytest.fixture
def stranger(members: Callable[..., Member]) -> Member:
    """A fresh member who is nobody's contact."""
    return members("stranger")


@pytest.fixture
def realtime(fleet: Fleet) -> Iterator[Callable[..., Frames]]:
    """Opens real-time connections for members (``realtime(member)``, ``via="socketio"``); all closed afterwards."""
    opened: list[Frames] = []

    def connect(member: Member, *, via: str = "websocket", bearer: bool = False) -> Frames:
        ticket = ticket_for(member.browser, bearer=member.access if bearer else None)
        kind = SocketIOFrames if via == "socketio" else WebSocketFrames
        opened.append(kind.open(fleet.gateway_url, ticket))
        return opened[-1]

    yield connect
    for frames in opened:
        with contextlib.suppress(Exception):
            frames.close()


# --- the log check runs last --------------------------------------------------------------

# The contract test (schemathesis) writes at random all over the marketplace the other tests
# read; the log check scans the output of the whole run, the contract test's included.
LAST_MODULES = ("test_contract.py", "test_logs_keep_no_secret.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The contract test, then the log check, after every other e2e test, still inside this package.

    Its fleet still runs; the log check scans the output of the whole run for the secrets every
    earlier email carried.
    """
    here = Path(__file__).parent
    in_package = [i for i, item in enumerate(items) if item.path.parent == here]
    last = sorted(
        (item for item in items if item.path.parent == here and item.path.name in LAST_MODULES),
        key=lambda item: LAST_MODULES.index(item.path.name),
    )
    if not in_package or not last:
        return
    end = in_package[-1]
    moved = [item for item in items[: end + 1] if item not in last] + last
    items[: end + 1] = moved
