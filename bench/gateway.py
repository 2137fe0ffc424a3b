#!/usr/bin/env python
"""Benchmark: ``GET /api/v1/auth/me`` direct to the auth service vs through the gateway.

    .venv/bin/python bench/gateway.py [--seconds 6] [--rounds 3] [--servers uvicorn,daphne] [--gateway-workers 1]
                                      [--free-seconds 12] [--reference REV] [--only-free]

Starts everything it needs on free loopback ports — the auth service under gunicorn
(on its own ``bazaar_bench_auth`` database, created, migrated and dropped again), the
gateway under each server named by ``--servers``, and nginx ``proxy_pass`` to the same
auth service when nginx is installed — signs up a user through the gateway, then
measures requests/s and p50/p99 latency at 1 and 16 concurrent connections and prints
a table with the ratios. Direct and nginx requests carry a fresh gateway signature each
(services refuse unsigned or replayed requests); through the gateway the client sends
only its Bearer token, as a real client would.

Targets: the gateway keeps at least 50% of nginx's throughput and adds at most 2 ms p50
at 1 connection. The load generator is a keep-alive asyncio client on uvloop in this
process; it reconnects when a server closes the connection.

Then, with nginx and wrk installed, the gateway's own cost: the same request against a
**free upstream** (nginx answering a fixed JSON body, no service behind it), straight to
it, through nginx ``proxy_pass``, through the gateway (one uvicorn worker) and, with
``--reference REV``, through the gateway of that git revision (a worktree of it, in the
same run); wrk loads each in turn, round after round, and the medians are reported.
Targets: the gateway keeps at least 25% of nginx's throughput at 16 connections and adds
at most 0.5 ms p50 at 1 connection.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common.auth import signing  # noqa: E402
from common.conf import devkeys  # noqa: E402
from common.conf import registry as _registry  # noqa: E402,F401  (declares the variables)
from common.conf.env import env_secret  # noqa: E402
from common.fleet.commands import web_command  # noqa: E402
from common.fleet.databases import connect  # noqa: E402
from common.fleet.services import get as fleet_process  # noqa: E402

BIN = Path(sys.executable).parent
DB_PREFIX = "bazaar_bench_"
PATH = "/api/v1/auth/me"
# A Redis database of its own, emptied: counters and revocation markers of other runs (a
# user id the bench's fresh database gives again) must not refuse its requests.
REDIS_URL = "redis://127.0.0.1:6379/13"
CONCURRENCY = (1, 16)
MakeRequest = Callable[[], bytes]

NGINX_CONF = """
worker_processes auto;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream auth {{ server 127.0.0.1:{auth_port}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://auth;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
        }}
    }}
}}
"""


# The free upstream answers what auth would, at no cost; the proxy in front of it is nginx's.
FREE_NGINX_CONF = """
worker_processes auto;
pid {tmp}/nginx-free.pid;
error_log {tmp}/nginx-free-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{free_port};
        location / {{
            default_type application/json;
            return 200 '{{"id": 1, "username": "bench", "email": "bench@example.com"}}';
        }}
    }}
    upstream free {{ server 127.0.0.1:{free_port}; keepalive 64; }}
    server {{
        listen 127.0.0.1:{proxy_port};
        location / {{
            proxy_pass http://free;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
        }}
    }}
}}
"""
FREE_TARGETS = {"throughput_share": 0.25, "p50_added_ms": 0.5}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


class Fleet:
    """The processes this run started; all stopped on exit."""

    def __init__(self, env: dict[str, str], tmp: Path) -> None:
        self.env = env
        self.tmp = tmp
        self.processes: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, command: list[str]) -> None:
        out = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115  (closed with the process)
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append((name, process))

    def stop(self) -> None:
        for _, process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for _, process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def wait_ready(self, name: str, port: int, path: str = "/health", timeout: float = 30) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = dict(self.processes).get(name)
            if process is not None and process.poll() is not None:
                break
            try:
                if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=1).status_code < 500:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        tail = (
            (self.tmp / f"{name}.log").read_text(errors="replace")[-3000:]
            if (self.tmp / f"{name}.log").exists()
            else ""
        )
        raise SystemExit(f"{name} did not become ready on port {port}:\n{tail}")


def create_database(env: dict[str, str]) -> None:
    with connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_PREFIX}auth" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_PREFIX}auth"')
    subprocess.run(
        [sys.executable, "auth_service/manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )


def drop_database() -> None:
    with connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_PREFIX}auth" WITH (FORCE)')


@dataclass
class Result:
    target: str
    connections: int
    rps: float
    p50: float
    p99: float
    errors: int


def percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(int(len(sorted_values) * fraction), len(sorted_values) - 1)
    return sorted_values[index]


async def connection(
    port: int, make_request: MakeRequest, deadline: float, latencies: list[float], errors: list[int]
) -> None:
    reader = writer = None
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        writer.write(make_request())
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        await reader.readexactly(int(fields.get("content-length", "0")))
        latencies.append(time.perf_counter() - started)
        if status != 200:
            errors.append(status)
        if fields.get("connection", "").lower() == "close":
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def load(
    port: int, make_request: MakeRequest, connections: int, seconds: float
) -> tuple[list[float], list[int], float]:
    warmup: list[float] = []
    await asyncio.gather(
        *(connection(port, make_request, time.perf_counter() + 0.2, warmup, []) for _ in range(connections))
    )
    latencies: list[float] = []
    errors: list[int] = []
    started = time.perf_counter()
    await asyncio.gather(
        *(connection(port, make_request, started + seconds, latencies, errors) for _ in range(connections))
    )
    return latencies, errors, time.perf_counter() - started


def summarize(target: str, connections: int, samples: list[tuple[list[float], list[int], float]]) -> Result:
    latencies = sorted(value for sample in samples for value in sample[0])
    errors = sum(len(sample[1]) for sample in samples)
    elapsed = sum(sample[2] for sample in samples)
    result = Result(
        target,
        connections,
        len(latencies) / elapsed,
        percentile(latencies, 0.5) * 1000,
        percentile(latencies, 0.99) * 1000,
        errors,
    )
    log(
        f"  {target:<22} c={connections:<3} {result.rps:8.0f} req/s  p50 {result.p50:6.2f} ms  p99 {result.p99:6.2f} ms  errors {errors}"
    )
    return result


def signed_requests(port: int, token: str, key: str) -> MakeRequest:
    """Direct/nginx requests: each with its own request id and gateway signature."""

    def make() -> bytes:
        request_id = uuid.uuid4().hex
        signature = signing.sign(signing.SignedRequest("GET", PATH, b"", request_id), key)
        return (
            f"GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
            f"X-Request-ID: {request_id}\r\n{signing.SIGNATURE_HEADER}: {signature}\r\nAccept: application/json\r\n\r\n"
        ).encode()

    return make


def client_requests(port: int, token: str) -> MakeRequest:
    """Gateway requests: what a client sends."""
    request = (
        f"GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
        "Accept: application/json\r\nCookie: bazaar_device=benchmark-device-0001\r\n\r\n"
    ).encode()
    return lambda: request


def sign_up(gateway_port: int) -> str:
    import httpx

    name = "bench" + uuid.uuid4().hex[:10]
    response = httpx.post(
        f"http://127.0.0.1:{gateway_port}/api/v1/auth/signup",
        json={
            "username": name,
            "email": f"{name}@example.com",
            "password": "Correct-Horse-Battery-9",
            "country": "France",
        },
        timeout=10,
    )
    if response.status_code != 201:
        raise SystemExit(f"signup through the gateway failed: {response.status_code} {response.text}")
    return response.json()["access"]


def print_table(results: list[Result]) -> None:
    by = {(r.target, r.connections): r for r in results}
    header = f"{'target':<22} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'req/s vs direct':>16} {'req/s vs nginx':>15} {'p50 added ms':>13}"
    print(header)
    print("-" * len(header))
    for r in results:
        direct = by.get(("direct", r.connections))
        nginx = by.get(("nginx", r.connections))
        vs_direct = f"{r.rps / direct.rps:.0%}" if direct else "-"
        vs_nginx = f"{r.rps / nginx.rps:.0%}" if nginx else "-"
        added = f"{r.p50 - direct.p50:+.2f}" if direct else "-"
        print(
            f"{r.target:<22} {r.connections:>5} {r.rps:>9.0f} {r.p50:>8.2f} {r.p99:>8.2f} {r.errors:>6} {vs_direct:>16} {vs_nginx:>15} {added:>13}"
        )
    gateway = next((r.target for r in results if r.target.startswith("gateway")), None)
    if gateway is None:
        return
    print()
    one, many = by[(gateway, 1)], by[(gateway, max(CONCURRENCY))]
    added = one.p50 - by[("direct", 1)].p50
    print(f"{gateway}: adds {added:.2f} ms p50 at 1 connection (target <= 2 ms): {'OK' if added <= 2 else 'MISSED'}")
    if ("nginx", max(CONCURRENCY)) in by:
        for c in CONCURRENCY:
            share = by[(gateway, c)].rps / by[("nginx", c)].rps
            print(
                f"{gateway}: keeps {share:.0%} of nginx's throughput at {c} connection(s) (target >= 50%): {'OK' if share >= 0.5 else 'MISSED'}"
            )
    else:
        print(
            f"nginx not installed: no reference hop ({gateway} at {max(CONCURRENCY)} connections: {many.rps:.0f} req/s)"
        )


@dataclass
class WrkResult:
    rps: float
    p50: float  # ms
    p99: float
    errors: int
    requests: int = 0
    cpu_ms: float = 0.0  # the server process's CPU time per request (gateways only), in ms


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([0-9.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(url: str, connections: int, seconds: float, headers: list[str]) -> WrkResult:
    """One wrk run (one thread: the machine's cores go to the servers)."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(seconds, 1):.0f}s", "--latency", url]
    for header in headers:
        command[1:1] = ["-H", header]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)$", out, re.MULTILINE))
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return WrkResult(rps, _ms(percentiles["50"]), _ms(percentiles["99"]), errors, requests)


def reference_checkout(revision: str, tmp: Path) -> Path:
    """A worktree of ``revision`` (with this checkout's virtualenv), removed with ``tmp``."""
    path = tmp / "reference"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(path), revision], cwd=ROOT, check=True, capture_output=True
    )
    (path / ".venv").symlink_to(ROOT / ".venv")
    # Its development keys are this checkout's: the same tokens and signatures are valid.
    (path / ".keys").symlink_to(ROOT / ".keys")
    return path


def start_gateway(fleet: Fleet, name: str, root: Path, workers: int, env: dict[str, str]) -> int:
    port = free_port()
    command = [sys.executable, "-m", "gateway_project.server", "--host", "127.0.0.1", "--port", str(port)]
    out = open(fleet.tmp / f"{name}.log", "wb")  # noqa: SIM115  (closed with the process)
    process = subprocess.Popen(
        [*command, "--workers", str(workers)],
        cwd=root,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    fleet.processes.append((name, process))
    fleet.wait_ready(name, port)
    return port


def free_upstream(fleet: Fleet, args: argparse.Namespace, token: str, nginx: str) -> None:
    """The gateway against a free upstream, beside nginx: the gateway's own cost."""
    upstream, proxy = free_port(), free_port()
    conf = fleet.tmp / "nginx-free.conf"
    conf.write_text(FREE_NGINX_CONF.format(tmp=fleet.tmp, free_port=upstream, proxy_port=proxy))
    fleet.start("nginx-free", [nginx, "-c", str(conf), "-p", str(fleet.tmp), "-g", "daemon off;"])
    fleet.wait_ready("nginx-free", upstream)
    env = {**fleet.env, "AUTH_SERVICE_URL": f"http://127.0.0.1:{upstream}"}
    targets = [("upstream", upstream), ("nginx", proxy)]
    targets.append(("gateway", start_gateway(fleet, "gateway-free", ROOT, 1, env)))
    pids = {"gateway": fleet.processes[-1][1].pid}
    if args.reference:
        reference = reference_checkout(args.reference, fleet.tmp)
        name = f"gateway {args.reference}"
        targets.append((name, start_gateway(fleet, "gateway-reference", reference, 1, env)))
        pids[name] = fleet.processes[-1][1].pid
    headers = [f"Authorization: Bearer {token}", "Cookie: bazaar_device=benchmark-device-0001"]
    import httpx

    for name, port in targets:
        answer = httpx.get(
            f"http://127.0.0.1:{port}{PATH}", headers=dict(h.split(": ", 1) for h in headers), timeout=10
        )
        if answer.status_code != 200:
            raise SystemExit(f"{name} answered {answer.status_code}: {answer.text[:500]}")
    rows: dict[tuple[str, int], list[WrkResult]] = {}
    log(f"free upstream: {args.free_seconds:g}s per row over {args.rounds} rounds ...")
    for connections in CONCURRENCY:
        for round_number in range(args.rounds):
            for name, port in targets:
                before = cpu_seconds(pids[name]) if name in pids else 0.0
                result = wrk(f"http://127.0.0.1:{port}{PATH}", connections, args.free_seconds / args.rounds, headers)
                if name in pids:
                    result.cpu_ms = (cpu_seconds(pids[name]) - before) * 1000 / max(result.requests, 1)
                rows.setdefault((name, connections), []).append(result)
            log(f"  c={connections} round {round_number + 1}/{args.rounds} done")
    print_free_table(rows, [name for name, _ in targets])


def print_free_table(rows: dict[tuple[str, int], list[WrkResult]], names: list[str]) -> None:
    def median(name: str, connections: int, field: str) -> float:
        return statistics.median(getattr(result, field) for result in rows[(name, connections)])

    print("\nfree upstream (wrk, medians of the rounds)")
    header = f"{'target':<26} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'vs nginx':>9} {'p50 added ms':>13} {'CPU ms/req':>11}"
    print(header)
    print("-" * len(header))
    for connections in CONCURRENCY:
        for name in names:
            rps, p50 = median(name, connections, "rps"), median(name, connections, "p50")
            errors = sum(result.errors for result in rows[(name, connections)])
            share = rps / median("nginx", connections, "rps")
            added = p50 - median("upstream", connections, "p50")
            print(
                f"{name:<26} {connections:>5} {rps:>9.0f} {p50:>8.3f} {median(name, connections, 'p99'):>8.3f}"
                f" {errors:>6} {share:>9.0%} {added:>+13.3f}"
                + (f" {median(name, connections, 'cpu_ms'):>11.3f}" if name.startswith("gateway") else "")
            )
    for name in names:
        if not name.startswith("gateway"):
            continue
        share = median(name, max(CONCURRENCY), "rps") / median("nginx", max(CONCURRENCY), "rps")
        added = median(name, 1, "p50") - median("upstream", 1, "p50")
        ok_share = share >= FREE_TARGETS["throughput_share"]
        ok_added = added <= FREE_TARGETS["p50_added_ms"]
        print(
            f"{name}: {share:.0%} of nginx's throughput at {max(CONCURRENCY)} connections (target >= 25%):"
            f" {'OK' if ok_share else 'MISSED'}; adds {added:.3f} ms p50 at 1 connection (target <= 0.5 ms):"
            f" {'OK' if ok_added else 'MISSED'}; {median(name, max(CONCURRENCY), 'cpu_ms'):.3f} ms of CPU per request"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="measurement time per row (split over the rounds)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds over the targets")
    parser.add_argument("--servers", default="uvicorn,daphne", help="gateway servers to measure (uvicorn, daphne)")
    parser.add_argument("--gateway-workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--free-seconds", type=float, default=12.0, help="wrk time per free-upstream row")
    parser.add_argument("--reference", metavar="REV", help="also the gateway of this git revision (free upstream)")
    parser.add_argument("--only-free", action="store_true", help="only the free-upstream comparison")
    args = parser.parse_args()
    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    if args.only_free:
        servers = servers[:1]  # to sign up through

    tmp = Path(tempfile.mkdtemp(prefix="bazaar-bench-"))
    auth_port = free_port()
    env = {
        **os.environ,
        "BAZAAR_ENV": os.environ.get("BAZAAR_ENV", "local"),
        "DJANGO_DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "POSTGRES_DB_PREFIX": DB_PREFIX,
        "AUTH_SERVICE_URL": f"http://127.0.0.1:{auth_port}",
        "RATE_LIMIT_PER_IP": "1000000000",
        "RATE_LIMIT_PER_USER": "1000000000",
        "PYTHONUNBUFFERED": "1",
        "REDIS_URL": REDIS_URL,
    }
    key = env_secret("GATEWAY_SIGNING_KEY") or devkeys.dev_secret("gateway-signing-key")
    fleet = Fleet(env, tmp)
    results: list[Result] = []
    try:
        import uvloop

        uvloop.install()
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        log("preparing the auth database ...")
        create_database(env)
        fleet.start(
            "auth",
            # Exactly as the fleet runs it (gunicorn gthread workers, which keep connections alive).
            web_command(fleet_process("auth"), auth_port),
        )
        fleet.wait_ready("auth", auth_port)

        gateways: dict[str, int] = {}
        for server in servers:
            port = free_port()
            if server == "uvicorn":
                command = [
                    sys.executable,
                    "-m",
                    "gateway_project.server",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--workers",
                    str(args.gateway_workers),
                ]
            elif server == "daphne":
                command = [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "gateway_project.asgi:application"]
            else:
                raise SystemExit(f"unknown server {server!r}")
            fleet.start(f"gateway-{server}", command)
            fleet.wait_ready(f"gateway-{server}", port)
            gateways[f"gateway ({server})"] = port

        nginx_port = None
        nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
        if nginx:
            nginx_port = free_port()
            conf = tmp / "nginx.conf"
            conf.write_text(NGINX_CONF.format(tmp=tmp, auth_port=auth_port, port=nginx_port))
            fleet.start("nginx", [nginx, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"])
            fleet.wait_ready("nginx", nginx_port)
        else:
            log("nginx not installed: measuring without the reference hop")

        token = sign_up(next(iter(gateways.values())))
        if nginx and shutil.which("wrk"):
            free_upstream(fleet, args, token, nginx)
        else:
            log("nginx or wrk not installed (apt-get install -y nginx wrk): no free-upstream comparison")
        log(f"measuring {args.seconds:g}s per row on {os.cpu_count()} CPUs ...")
        targets = [("direct", auth_port, signed_requests(auth_port, token, key))]
        if nginx_port:
            targets.append(("nginx", nginx_port, signed_requests(nginx_port, token, key)))
        targets += [(name, port, client_requests(port, token)) for name, port in gateways.items()]
        if args.only_free:
            targets = []
        # Rounds interleave the targets, so a burst of load elsewhere on the machine hits
        # all of them alike instead of skewing one row.
        for connections in CONCURRENCY:
            samples: dict[str, list[tuple[list[float], int, float]]] = {name: [] for name, *_ in targets}
            for round_number in range(args.rounds):
                for name, port, make in targets:
                    samples[name].append(asyncio.run(load(port, make, connections, args.seconds / args.rounds)))
                log(f"  c={connections} round {round_number + 1}/{args.rounds} done")
            for name, *_ in targets:
                results.append(summarize(name, connections, samples[name]))
    finally:
        fleet.stop()
        try:
            drop_database()
        except Exception as exc:  # the figures matter more than the cleanup
            log(f"could not drop the bench database: {exc}")
        if (tmp / "reference").exists():
            subprocess.run(["git", "worktree", "remove", "--force", str(tmp / "reference")], cwd=ROOT, check=False)
        shutil.rmtree(tmp, ignore_errors=True)
    if not results:
        return
    results.sort(key=lambda r: (r.connections, [t for t, *_ in targets].index(r.target)))
    print()
    print_table(results)


if __name__ == "__main__":
    main()
