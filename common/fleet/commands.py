"""The command line of every child process the runner starts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from common.fleet.replicas import replica_name
from common.fleet.services import ROOT, Process

HOST = "127.0.0.1"
RUN_DIR = ROOT / ".run"

# The gateway (an ASGI process) runs its own launcher, ``<package>.server``: uvicorn with the
# options chosen there (ADR 0007). It is the one place they live, so the runner, compose and
# the cluster cannot disagree on them.
# Services are sync Django: a pre-forked WSGI server with a few threads per worker.
# --keep-alive outlasts the gateway's pooled idle connections (30 s, gateway_project/proxy/client.py): a server
# must never close a connection the client may be about to reuse for a POST.
SERVICE_SERVER = ["gunicorn", "--workers", "2", "--threads", "4", "--graceful-timeout", "5", "--keep-alive", "75"]


class ReadyWhen:
    """The text each kind of child prints once it is ready (a web process is asked its ``/health``)."""

    WORKER = " ready."  # Celery's "<name>@<host> ready.": connected and consuming
    BEAT = "beat: Starting..."
    RELAY = "relay connected to"
    MAIL_SINK = "mail sink listening"
    LOCALSTRIPE = "localstripe listening"


def python_module(module: str, *args: str) -> list[str]:
    """``python -m module args`` with the runner's own interpreter (the virtualenv's)."""
    return [sys.executable, "-m", module, *args]


def web_command(process: Process, port: int, *, reuse_port: bool = False) -> list[str]:
    """The web server of one process, bound to loopback on ``port``.

    ``reuse_port``: a service's replica shares ``port`` with its other replicas (common/fleet/replicas.py).
    """
    if process.asgi:
        if reuse_port:
            raise ValueError(f"{process.name} runs under uvicorn, which cannot share a port")
        return python_module(f"{process.package}.server", "--host", HOST, "--port", str(port))
    server, *options = SERVICE_SERVER
    shared = ["--reuse-port"] if reuse_port else []
    return python_module(server, f"{process.package}.wsgi", "--bind", f"{HOST}:{port}", *options, *shared)


def worker_command(process: Process, replica: int = 1) -> list[str]:
    """The process's Celery worker (beat, where there is one, runs apart: :func:`beat_command`).

    It consumes ``<name>.tasks`` as Celery tasks; its event bridge reads ``<name>.events``
    (plain event envelopes, not tasks) on its own (common/messaging/consumer.py). Replicas on
    one host need node names of their own (``chat-2@host``); in a cluster ``%h`` is the pod's.
    """
    return python_module(
        "celery", "-A", process.package, "worker", "-Q", f"{process.name}.tasks", "-c", "1", "--loglevel", "INFO",
        "-n", f"{replica_name(process.name, replica)}@%h",
    )  # fmt: skip


def beat_command(process: Process, port_offset: int = 0) -> list[str]:
    """Celery beat of a process with periodic tasks: its own process, never ``-B`` inside the worker.

    A worker's embedded beat is a child the worker's supervisor does not see (it outlived a
    killed worker), and it multiplies with the workers; on its own, beat is one
    process to start, stop and run exactly once per fleet, as a cluster runs a singleton.
    """
    return python_module(
        "celery", "-A", process.package, "beat", "--schedule", str(beat_schedule(process, port_offset)),
        "--loglevel", "INFO",
    )  # fmt: skip


def beat_schedule(process: Process, port_offset: int = 0) -> Path:
    """Beat's schedule file: one per process and per fleet, as two beats must never share one."""
    suffix = f"-{port_offset}" if port_offset else ""
    return RUN_DIR / f"celerybeat-{process.name}{suffix}"


def relay_command(process: Process) -> list[str]:
    """The process's outbox relay (``manage.py relay_events``)."""
    return manage_command(process, "relay_events")


def mail_sink_command(port: int, directory: str) -> list[str]:
    """The local mail sink (:mod:`common.fleet.mailsink`) on loopback, writing into ``directory``."""
    return python_module("common.fleet.mailsink", "--host", HOST, "--port", str(port), "--dir", directory)


def localstripe_command(port: int, store: Path, *, fresh: bool) -> list[str]:
    """localstripe (:mod:`common.fleet.fakestripe`) on loopback, keeping its objects in ``store``."""
    command = python_module("common.fleet.fakestripe", "--host", HOST, "--port", str(port), "--store", str(store))
    return [*command, "--fresh"] if fresh else command


def localstripe_store(port_offset: int = 0) -> Path:
    """localstripe's file: one per fleet, like beat's schedule."""
    suffix = f"-{port_offset}" if port_offset else ""
    return RUN_DIR / f"localstripe{suffix}.pickle"


def manage_command(process: Process, *args: str) -> list[str]:
    """``manage.py`` of one process, run from the repository root."""
    return [sys.executable, str(process.path / "manage.py"), *args]


def child_env(fleet: list[Process], port_offset: int) -> dict[str, str]:
    """The environment of every child: ours, plus where each process of the fleet listens."""
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    for process in fleet:
        env[process.url_variable] = f"http://{HOST}:{process.port + port_offset}"
    # The gateway serves the web pages (web/), so links in emails lead there unless told otherwise.
    if "GATEWAY_URL" in env:
        env.setdefault("FRONTEND_URL", env["GATEWAY_URL"])
    return env
