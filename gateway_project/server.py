"""Run the gateway: ``python -m gateway_project.server [--host H] [--port P] [--workers N|auto]``.

The one launcher of the gateway: ``make up``, compose and the cluster all run this module,
so its server options live here only.

Server choice, measured with ``bench/gateway.py`` on the same machine: uvicorn with
uvloop and httptools serves the proxy path several times faster than daphne (Twisted),
so the gateway runs under uvicorn. Real time does not change that: Channels consumers
and the Socket.IO server are plain ASGI and run under uvicorn's websocket protocol, one
server for everything; ``bench/realtime.py`` measures delivery latency and memory per
connection under it (daphne would serve the same consumers, but would slow the proxy
path, which carries most of the traffic). The equivalent shell command is::

    uvicorn gateway_project.asgi:application --host 127.0.0.1 --port 8000 \\
        --loop uvloop --http httptools --lifespan on --no-access-log --no-proxy-headers \\
        --ws-per-message-deflate false

``--no-proxy-headers``: the client IP and scheme come from the socket, or from
X-Forwarded-For/-Proto when a ``TRUSTED_PROXIES`` address sent them (``asgi.py``, ADR 0012);
uvicorn must not rewrite them on its own, with its own idea of whom to trust. Access logs are off on the hot path; errors are logged as JSON.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

UVICORN_OPTIONS: dict[str, Any] = {
    "loop": "uvloop",
    "http": "httptools",
    "lifespan": "on",
    "access_log": False,
    "proxy_headers": False,
    "server_header": False,
    "date_header": True,
    # Longer than uvicorn's 5 s: a proxy in front (nginx) reuses idle connections for a while.
    "timeout_keep_alive": 30,
    # Websockets without permessage-deflate: ~95 KiB less per connection (bench/realtime.py).
    "ws_per_message_deflate": False,
}


CPU_MAX = Path("/sys/fs/cgroup/cpu.max")  # cgroup v2: "<quota> <period>" or "max <period>"


def available_cores(cpu_max: Path = CPU_MAX) -> int:
    """The cores this process may run on: its CPU affinity, within its cgroup's CPU limit (a container's)."""
    cores = len(os.sched_getaffinity(0))
    try:
        quota, period = cpu_max.read_text().split()
        if quota != "max":
            cores = min(cores, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        pass
    return max(cores, 1)


def workers(value: str) -> int:
    """``--workers``: a number, or ``auto`` for one per available core."""
    return available_cores() if value == "auto" else int(value)


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and serve until SIGINT/SIGTERM."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gateway_project.settings")
    from common.conf.env import env_str

    default = urlsplit(env_str("GATEWAY_URL"))
    parser = argparse.ArgumentParser(description="Serve the Bazaar gateway with uvicorn.")
    parser.add_argument("--host", default=default.hostname or "127.0.0.1")
    parser.add_argument("--port", type=int, default=default.port or 8000)
    # One by default, not one per core: a Socket.IO long-polling session lives in the process
    # that opened it, and nothing pins a client's next poll to that worker of the port (the
    # Ingress pins it to a pod). Scale with processes of their own (pods, --replicas), or
    # "auto" where no client long-polls (ADR 0007).
    parser.add_argument("--workers", type=workers, default=workers(os.environ.get("WEB_CONCURRENCY", "1")))
    args = parser.parse_args(argv)

    import uvicorn

    uvicorn.run(
        "gateway_project.asgi:application",
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,  # Django's LOGGING (JSON) configures logging
        **UVICORN_OPTIONS,
    )


if __name__ == "__main__":
    main()
