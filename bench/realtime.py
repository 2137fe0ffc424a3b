#!/usr/bin/env python
"""Benchmark: chat delivery latency to 1,000 websocket clients, and the gateway's memory per connection.

    .venv/bin/python bench/realtime.py [--clients 1000] [--rate 20] [--seconds 30]
    .venv/bin/python bench/realtime.py --mode channel-layer [--clients 1000] [--rate 200] [--seconds 10]

``--mode fleet`` (the default) measures what a user sees. It starts the fleet subset
``gateway,auth,users,chat,notifications`` with ``python -m common.fleet.up`` on ports of
its own (``FLEET_PORT_OFFSET=21000``), databases ``bazaar_bench_*`` (dropped before and
after), Redis database 6 (emptied) and the RabbitMQ vhost ``bazaar_bench`` (made empty),
with the gateway's rate limits raised for the run. It signs up ``--clients`` users plus a
sender through the gateway, connects one websocket per user from ``--client-processes``
separate processes (each with a ticket from ``POST /api/v1/realtime/ticket``), then posts
``--rate`` messages a second for ``--seconds`` seconds (``POST /api/v1/messages``, sender →
a random user) and measures, per message, from just before the POST to the
``chat.message`` frame arriving on the recipient's socket (same machine clock): the whole
path through chat's transaction and outbox, the relay, RabbitMQ, the gateway's worker, the
Redis channel layer and the gateway's websocket.

``--mode channel-layer`` measures the last hop only: it starts the gateway alone (Redis,
no service, no database), opens the sockets in this process with minted token cookies
(users 9_000_000 and up) and pushes frames with ``group_send`` as the worker does.

Both print the gateway process's RSS before and after the sockets opened (per connection).
``--ws-per-message-deflate off`` starts the gateway with uvicorn's permessage-deflate off
(``UVICORN_WS_PER_MESSAGE_DEFLATE``), to compare the memory it costs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FLEET_ONLY = "gateway,auth,users,chat,notifications"
DATABASES = ("auth", "users", "chat", "notifications")
PORT_OFFSET = 21000  # below the ephemeral port range, like the e2e fleet
DB_PREFIX = "bazaar_bench_"
REDIS_URL = "redis://127.0.0.1:6379/6"
VHOST = "bazaar_bench"
READY_LINE = "Bazaar is up"
PASSWORD = "correct horse battery 9"
BODY_PREFIX = "bench:"
FIRST_USER = 9_000_000  # channel-layer mode: ids no real user has
# Limits and lifetimes of the bench fleet: one IP signs up every user, one user sends every
# message, and the sockets must outlive a 15-minute access token on a slow machine.
FLEET_ENV = {
    "BAZAAR_ENV": "local",
    "DJANGO_DEBUG": "false",
    "LOG_LEVEL": "WARNING",
    "POSTGRES_DB_PREFIX": DB_PREFIX,
    "FLEET_PORT_OFFSET": str(PORT_OFFSET),
    "REDIS_URL": REDIS_URL,
    "RATE_LIMIT_PER_IP": "1000000",
    "RATE_LIMIT_PER_USER": "1000000",
    "JWT_ACCESS_MINUTES": "120",
}


def log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def percentile(values: list[float], fraction: float) -> float:
    return values[min(len(values) - 1, int(len(values) * fraction))]


def deflate_env(choice: str) -> dict[str, str]:
    """uvicorn reads ``UVICORN_*`` options from the environment; "default" leaves the fleet's own."""
    return {} if choice == "default" else {"UVICORN_WS_PER_MESSAGE_DEFLATE": "true" if choice == "on" else "false"}


def no_cookies() -> CookieJar:
    """A jar that keeps nothing: every request is authenticated by its Bearer token alone."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


@dataclass
class Memory:
    """The gateway's RSS with no socket, and with every socket open."""

    before: float
    after: float
    clients: int

    def report(self) -> None:
        print(f"gateway RSS:              {self.before:.1f} MiB without sockets → {self.after:.1f} MiB with them")
        print(f"memory per connection:    {(self.after - self.before) * 1024 / self.clients:.1f} KiB")


def print_latencies(label: str, latencies: list[float]) -> None:
    if not latencies:
        print(f"{label}: nothing delivered")
        return
    ordered = sorted(latencies)
    print(
        f"{label}p50 {percentile(ordered, 0.5):.1f} ms, p95 {percentile(ordered, 0.95):.1f} ms, "
        f"p99 {percentile(ordered, 0.99):.1f} ms, max {ordered[-1]:.1f} ms"
    )


# --- fleet mode: the fleet ------------------------------------------------------------------


@dataclass
class Fleet:
    """``python -m common.fleet.up`` running in the background, its output in a log file."""

    process: subprocess.Popen[str]
    log_path: Path
    ready: threading.Event = field(default_factory=threading.Event)

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{8000 + PORT_OFFSET}"

    def gateway_pid(self) -> int:
        """The gateway's web process (uvicorn on the gateway's port), found in /proc."""
        port = str(8000 + PORT_OFFSET)
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"gateway_project.asgi:application" in argv and port.encode() in argv:
                return int(entry.name)
        raise RuntimeError("the gateway's process was not found")

    def stop(self) -> None:
        """SIGTERM, as Ctrl-C would: the runner stops its children."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_fleet(env: dict[str, str], log_path: Path, timeout: float = 300) -> Fleet:
    """Start the bench fleet and wait for its ready line."""
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    process = subprocess.Popen(
        [sys.executable, "-m", "common.fleet.up", "--only", FLEET_ONLY],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    fleet = Fleet(process, log_path)
    threading.Thread(target=_pump, args=(fleet,), daemon=True).start()
    deadline = time.monotonic() + timeout
    while not fleet.ready.wait(0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            fleet.stop()
            raise SystemExit(f"the fleet did not start; see {log_path}")
    return fleet


def _pump(fleet: Fleet) -> None:
    assert fleet.process.stdout is not None
    with fleet.log_path.open("w") as out:
        for line in fleet.process.stdout:
            out.write(line)
            out.flush()
            if READY_LINE in line:
                fleet.ready.set()


def drop_databases() -> None:
    from common.fleet.databases import connect_admin

    with connect_admin() as admin:
        for name in DATABASES:
            admin.execute(f'DROP DATABASE IF EXISTS "{DB_PREFIX}{name}" WITH (FORCE)')


@contextmanager
def bench_fleet(deflate: str) -> Iterator[Fleet]:
    """The fleet on fresh databases, Redis database and vhost; stopped and dropped afterwards."""
    from common.testing.broker import fresh_vhost
    from tests.reliability.harness import exclusive_use

    with exclusive_use(DB_PREFIX), tempfile.TemporaryDirectory(prefix="bench-realtime-") as tmp:
        drop_databases()
        env = {
            **os.environ,
            **FLEET_ENV,
            "RABBITMQ_URL": fresh_vhost(VHOST),
            "MAIL_SINK_DIR": str(Path(tmp) / "mail"),
            **deflate_env(deflate),
        }
        log(f"starting {FLEET_ONLY} on port offset {PORT_OFFSET} (log: {tmp}/fleet.log) ...")
        fleet = start_fleet(env, Path(tmp) / "fleet.log")
        try:
            yield fleet
        finally:
            log("stopping the fleet ...")
            fleet.stop()
            drop_databases()


# --- fleet mode: users and messages -----------------------------------------------------------


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    access: str


async def sign_up(http: Any, username: str) -> Account:
    body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD, "country": "Peru"}
    response = await http.post("/api/v1/auth/signup", json=body)
    if response.status_code != 201:
        raise SystemExit(f"signup of {username} answered {response.status_code}: {response.text}")
    answer = response.json()
    return Account(int(answer["user"]["id"]), username, answer["access"])


async def sign_up_all(http: Any, count: int, concurrency: int = 8) -> list[Account]:
    """``count`` new accounts, signed up through the gateway a few at a time (argon2 is slow on purpose)."""
    tag = uuid.uuid4().hex[:6]
    limit = asyncio.Semaphore(concurrency)
    started = time.monotonic()

    async def one(index: int) -> Account:
        async with limit:
            account = await sign_up(http, f"rt{tag}{index}")
        if index % 100 == 99:
            log(f"  {index + 1} signed up ({time.monotonic() - started:.0f} s)")
        return account

    return list(await asyncio.gather(*(one(index) for index in range(count))))


def bearer(account: Account) -> dict[str, str]:
    return {"Authorization": f"Bearer {account.access}"}


async def post_message(http: Any, sender: Account, to: str, body: str) -> int:
    response = await http.post("/api/v1/messages", json={"to": to, "body": body}, headers=bearer(sender))
    return int(response.status_code)


async def wait_until_chat_knows(http: Any, sender: Account, last: Account, timeout: float = 300) -> None:
    """Chat learns users from ``auth.user.registered``; once it knows the last one, it knows them all."""
    deadline = time.monotonic() + timeout
    while await post_message(http, sender, last.username, "warm-up") != 201:
        if time.monotonic() > deadline:
            raise SystemExit("chat never learnt about the bench users")
        await asyncio.sleep(0.5)


@dataclass
class Sent:
    """One message: when its POST started, how long the POST took, what it answered."""

    started: float
    seconds: float
    status: int


async def send_steadily(
    http: Any, sender: Account, recipients: list[Account], rate: float, seconds: float
) -> dict[str, Sent]:
    """Post ``rate`` messages a second for ``seconds`` seconds, each to a random recipient, without waiting
    for one answer before the next is due (a slow answer must not lower the rate)."""
    sent: dict[str, Sent] = {}
    pending: list[asyncio.Task[None]] = []
    chooser = random.Random(7)

    async def one(body: str, to: str) -> None:
        started = time.time()
        status = await post_message(http, sender, to, body)
        sent[body] = Sent(started, time.time() - started, status)

    interval, next_at = 1 / rate, time.monotonic()
    for index in range(int(rate * seconds)):
        pending.append(asyncio.create_task(one(f"{BODY_PREFIX}{index}", chooser.choice(recipients).username)))
        next_at += interval
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))
    await asyncio.gather(*pending)
    return sent


# --- fleet mode: the websocket clients, in their own processes ---------------------------------


def client_process(gateway_url: str, accounts: list[tuple[int, str]], reports: Any, stop: Any) -> None:
    """Entry point of one client process: connect every account, record chat frames until ``stop``."""
    import uvloop

    uvloop.run(_client_fleet(gateway_url, accounts, reports, stop))


async def _client_fleet(gateway_url: str, accounts: list[tuple[int, str]], reports: Any, stop: Any) -> None:
    import httpx
    import websockets

    arrivals: dict[str, float] = {}
    limit = asyncio.Semaphore(50)
    ws_url = gateway_url.replace("http://", "ws://", 1)

    async with httpx.AsyncClient(base_url=gateway_url, cookies=no_cookies(), timeout=60) as http:

        async def connect(access: str) -> Any:
            async with limit:
                response = await http.post("/api/v1/realtime/ticket", headers={"Authorization": f"Bearer {access}"})
                response.raise_for_status()
                socket_ = await websockets.connect(f"{ws_url}/ws/?ticket={response.json()['ticket']}", open_timeout=60)
                await socket_.recv()  # presence.online
                return socket_

        sockets = await asyncio.gather(*(connect(access) for _, access in accounts))
    reports.put(("connected", len(sockets)))
    readers = [
        asyncio.create_task(_read(socket_, user_id, arrivals))
        for socket_, (user_id, _) in zip(sockets, accounts, strict=True)
    ]
    while not stop.is_set():
        await asyncio.sleep(0.1)
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*(socket_.close() for socket_ in sockets), return_exceptions=True)
    reports.put(("arrivals", arrivals))


async def _read(socket_: Any, user_id: int, arrivals: dict[str, float]) -> None:
    async for raw in socket_:
        received = time.time()
        pushed = json.loads(raw)
        if pushed.get("type") != "chat.message":
            continue
        data = pushed["data"]
        if data.get("recipient_id") == user_id and str(data.get("body", "")).startswith(BODY_PREFIX):
            arrivals[data["body"]] = received


@dataclass
class Clients:
    """The client processes and the queue they report on."""

    processes: list[multiprocessing.process.BaseProcess]
    reports: Any
    stop: Any

    def wait_connected(self, total: int, timeout: float) -> None:
        connected, deadline = 0, time.monotonic() + timeout
        while connected < total:
            kind, value = self.reports.get(timeout=max(1.0, deadline - time.monotonic()))
            if kind == "connected":
                connected += value

    def arrivals(self) -> dict[str, float]:
        self.stop.set()
        merged: dict[str, float] = {}
        for _ in self.processes:
            kind, value = self.reports.get(timeout=60)
            if kind == "arrivals":
                merged.update(value)
        for process in self.processes:
            process.join(30)
        return merged


def start_clients(gateway_url: str, accounts: list[Account], processes: int) -> Clients:
    context = multiprocessing.get_context("spawn")
    reports, stop = context.Queue(), context.Event()
    pairs = [(account.id, account.access) for account in accounts]
    started = []
    for index in range(processes):
        share = pairs[index::processes]
        process = context.Process(target=client_process, args=(gateway_url, share, reports, stop), daemon=True)
        process.start()
        started.append(process)
    return Clients(started, reports, stop)


async def run_fleet(args: argparse.Namespace) -> None:
    import httpx

    with bench_fleet(args.ws_per_message_deflate) as fleet:
        async with httpx.AsyncClient(base_url=fleet.gateway_url, cookies=no_cookies(), timeout=60) as http:
            log(f"signing up {args.clients + 1} users through the gateway ...")
            sender, *recipients = await sign_up_all(http, args.clients + 1)
            await wait_until_chat_knows(http, sender, recipients[-1])
            await asyncio.sleep(2)
            gateway = fleet.gateway_pid()
            before = rss_mib(gateway)
            log(f"connecting {args.clients} websockets from {args.client_processes} process(es) ...")
            started = time.monotonic()
            clients = start_clients(fleet.gateway_url, recipients, args.client_processes)
            clients.wait_connected(args.clients, timeout=600)
            connect_seconds = time.monotonic() - started
            await asyncio.sleep(3)
            memory = Memory(before, rss_mib(gateway), args.clients)
            log(f"posting {args.rate:g} messages/s for {args.seconds:g} s ...")
            sent = await send_steadily(http, sender, recipients, args.rate, args.seconds)
            await asyncio.sleep(args.drain)
            arrivals = clients.arrivals()
            end_rss = rss_mib(gateway)
    accepted = {body: message for body, message in sent.items() if message.status == 201}
    latencies = [(arrivals[body] - message.started) * 1000 for body, message in accepted.items() if body in arrivals]
    print(f"websockets connected:     {args.clients} in {connect_seconds:.1f} s (ticket + handshake each)")
    memory.report()
    print(f"gateway RSS at the end:   {end_rss:.1f} MiB")
    print(
        f"messages:                 {len(sent)} posted at {args.rate:g}/s, {len(accepted)} answered 201, "
        f"{len(latencies)} delivered to the recipient's socket"
    )
    print_latencies("POST /messages answered:  ", [message.seconds * 1000 for message in accepted.values()])
    print_latencies("POST → recipient's frame: ", latencies)


# --- channel-layer mode ---------------------------------------------------------------------


async def wait_ready(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.2)
    raise RuntimeError("gateway did not start")


async def cookie_client(port: int, index: int, latencies: list[float], count: list[int]) -> None:
    import websockets

    from common.testing.tokens import mint_token

    user = {"user_id": FIRST_USER + index, "username": f"bench{index}", "email": f"bench{index}@example.com"}
    token = mint_token({**user, "is_seller": False, "is_staff": False, "email_verified": True}, lifetime=3600)
    async with websockets.connect(
        f"ws://127.0.0.1:{port}/ws/", additional_headers={"Cookie": f"bazaar_access={token}"}, open_timeout=60
    ) as ws:
        await ws.recv()  # presence.online
        count[0] += 1
        async for raw in ws:
            received = time.time()
            pushed = json.loads(raw)
            if pushed["type"] == "bench":
                latencies.append((received - pushed["data"]["sent"]) * 1000)


async def run_channel_layer(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gateway_project.settings")
    os.environ.setdefault("BAZAAR_ENV", "local")
    import django

    django.setup()
    from channels.layers import get_channel_layer

    from common.fleet.commands import web_command
    from common.fleet.services import get as fleet_process
    from gateway_project.realtime.frames import frame, push_message
    from gateway_project.realtime.keys import user_group

    port = free_port()
    gateway = subprocess.Popen(
        web_command(fleet_process("gateway"), port),
        cwd=ROOT,
        env={**os.environ, "LOG_LEVEL": "WARNING", **deflate_env(args.ws_per_message_deflate)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        await wait_ready(port)
        await asyncio.sleep(1)
        before = rss_mib(gateway.pid)
        count = [0]
        started = time.monotonic()
        received: list[float] = []
        tasks = []
        for index in range(args.clients):
            tasks.append(asyncio.create_task(cookie_client(port, index, received, count)))
            if index % 50 == 49:
                await asyncio.sleep(0.05)
        while count[0] < args.clients:
            await asyncio.sleep(0.1)
            if time.monotonic() - started > 120:
                raise RuntimeError(f"only {count[0]} clients connected")
        connect_seconds = time.monotonic() - started
        await asyncio.sleep(2)
        memory = Memory(before, rss_mib(gateway.pid), args.clients)

        layer = get_channel_layer()
        total = int(args.rate * args.seconds)
        interval = 1 / args.rate
        next_at = time.monotonic()
        for _ in range(total):
            user = FIRST_USER + random.randrange(args.clients)
            await layer.group_send(user_group(user), push_message(frame("bench", {"sent": time.time()})))
            next_at += interval
            await asyncio.sleep(max(0, next_at - time.monotonic()))
        await asyncio.sleep(2)
        for task in tasks:
            task.cancel()
        print(f"clients connected:        {args.clients} in {connect_seconds:.1f} s")
        memory.report()
        print(f"pushes:                   {total} at {args.rate:g}/s, delivered {len(received)}")
        print_latencies("group_send → delivery:    ", received)
    finally:
        os.killpg(gateway.pid, signal.SIGTERM)
        gateway.wait(10)


MODES = {"fleet": (run_fleet, 20.0, 30.0), "channel-layer": (run_channel_layer, 200.0, 10.0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=sorted(MODES), default="fleet")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=None, help="messages/s (fleet: 20) or pushes/s (200)")
    parser.add_argument("--seconds", type=float, default=None, help="how long to send (fleet: 30, else 10)")
    parser.add_argument("--client-processes", type=int, default=1, help="fleet mode: processes holding the sockets")
    parser.add_argument("--drain", type=float, default=10.0, help="fleet mode: seconds to wait for the last frames")
    parser.add_argument("--ws-per-message-deflate", choices=("default", "on", "off"), default="default")
    args = parser.parse_args()
    run, rate, seconds = MODES[args.mode]
    args.rate = args.rate or rate
    args.seconds = args.seconds or seconds
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
