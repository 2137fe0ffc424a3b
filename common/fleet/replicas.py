"""Replicas: several copies of a process's web server, outbox relay and worker, as a cluster runs several pods.

``python -m common.fleet.up --replicas chat=2,gateway=2`` starts two of each. What the copies
share mirrors the cluster (ADR 0013):

- a service's web replicas all listen on the service's one port with ``SO_REUSEPORT``: the
  kernel spreads new connections over them as kube-proxy spreads a Service's connections over
  its pods (per connection, not per request), and every other process keeps its one
  ``<NAME>_SERVICE_URL``;
- the gateway's replicas each listen on a port of their own (the gateway's, plus a hundred per
  replica after the first), as the Ingress reaches each gateway pod at its own address; uvicorn
  has no ``SO_REUSEPORT`` option anyway;
- the runner's readiness poll of a shared port reaches whichever replica the kernel picks; one
  still booting holds its connections in its backlog until its workers accept them, late but
  not lost;
- relays run side by side on the one outbox table (``FOR UPDATE SKIP LOCKED`` gives each row to
  one of them) and workers on the one queue; beat is never replicated (one per fleet).
"""

from __future__ import annotations

from common.fleet.services import NAMES, Process, parse_only

GATEWAY_PORT_STEP = 100


def parse_replicas(value: str) -> dict[str, int]:
    """``"chat=2, gateway=2"`` → ``{"chat": 2, "gateway": 2}``.

    Raises ``ValueError`` for an unknown name, a missing ``=`` or a count below one.
    """
    counts: dict[str, int] = {}
    for item in parse_only(value):
        name, equals, count = (part.strip() for part in item.partition("="))
        if name not in NAMES:
            raise ValueError(f"--replicas: unknown process {name!r}; known: {', '.join(NAMES)}")
        if not equals or not count.isdigit() or int(count) < 1:
            raise ValueError(f"--replicas: {item!r} is not NAME=N with N at least 1")
        counts[name] = int(count)
    return counts


def check_started(counts: dict[str, int], processes: list[Process]) -> None:
    """``ValueError`` when a replicated process is not among those this run starts."""
    missing = sorted(set(counts) - {process.name for process in processes})
    if missing:
        raise ValueError(f"--replicas: not started in this run: {', '.join(missing)}")


def replica_name(name: str, replica: int) -> str:
    """``chat``, ``chat-2``, ``chat-relay-2``: the first replica keeps the plain name."""
    return name if replica == 1 else f"{name}-{replica}"


def shares_port(process: Process, count: int) -> bool:
    """True for the web replicas of a service run more than once (they bind with ``SO_REUSEPORT``)."""
    return count > 1 and not process.asgi


def replica_port(process: Process, replica: int) -> int:
    """The port replica ``replica`` of ``process`` listens on, before the offset."""
    if process.asgi:
        return process.port + GATEWAY_PORT_STEP * (replica - 1)
    return process.port


def web_ports(processes: list[Process], counts: dict[str, int], offset: int) -> dict[str, int]:
    """Every web replica's name and port (replicas of a service name the same port)."""
    return {
        replica_name(process.name, replica): replica_port(process, replica) + offset
        for process in processes
        for replica in range(1, counts.get(process.name, 1) + 1)
    }
