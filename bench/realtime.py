#!/usr/bin/env python
"""Benchmark: push latency to 1,000 websocket clients, and the gateway's memory per connection.

    .venv/bin/python bench/realtime.py [--clients 1000] [--rate 200] [--seconds 10]

Starts the gateway under uvicorn (the fleet's own command line) on a free loopback port,
opens ``--clients`` websockets to ``/ws/``, each signed in as its own user by the token
cookie, then pushes ``--rate`` frames a second for ``--seconds`` seconds to random users'
groups through the Redis channel layer (``group_send``, what the gateway's worker does)
and measures, at the client, the time from ``group_send`` to delivery: p50, p99, max.
The gateway's RSS is read from /proc before and after the connections opened.

Needs Redis only (no service, no database). Users are ids 9_000_000 and up, so nothing
real is touched; their presence keys expire on their own.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gateway_project.settings")
os.environ.setdefault("BAZAAR_ENV", "local")

import django  # noqa: E402

django.setup()

import websockets  # noqa: E402
from channels.layers import get_channel_layer  # noqa: E402

from common.fleet.commands import web_command  # noqa: E402
from common.fleet.services import get as fleet_process  # noqa: E402
from common.testing.tokens import mint_token  # noqa: E402
from gateway_project.realtime.frames import frame, push_message  # noqa: E402
from gateway_project.realtime.keys import user_group  # noqa: E402

FIRST_USER = 9_000_000


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


async def client(port: int, index: int, latencies: list[float], count: list[int]) -> None:
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


async def run(args: argparse.Namespace) -> None:
    port = free_port()
    gateway = subprocess.Popen(
        web_command(fleet_process("gateway"), port),
        cwd=ROOT,
        env={**os.environ, "LOG_LEVEL": "WARNING"},
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
            tasks.append(asyncio.create_task(client(port, index, received, count)))
            if index % 50 == 49:
                await asyncio.sleep(0.05)
        while count[0] < args.clients:
            await asyncio.sleep(0.1)
            if time.monotonic() - started > 120:
                raise RuntimeError(f"only {count[0]} clients connected")
        connect_seconds = time.monotonic() - started
        await asyncio.sleep(2)
        after = rss_mib(gateway.pid)

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
        latencies = sorted(received)
        print(f"clients connected:        {args.clients} in {connect_seconds:.1f} s")
        print(f"gateway RSS:              {before:.1f} MiB idle → {after:.1f} MiB with the clients")
        print(f"memory per connection:    {(after - before) * 1024 / args.clients:.1f} KiB")
        print(f"pushes:                   {total} at {args.rate}/s, delivered {len(latencies)}")
        if latencies:
            print(
                f"group_send → delivery:    p50 {percentile(latencies, 0.5):.2f} ms, "
                f"p99 {percentile(latencies, 0.99):.2f} ms, max {latencies[-1]:.2f} ms"
            )
    finally:
        os.killpg(gateway.pid, signal.SIGTERM)
        gateway.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
