"""Poll ``/health`` of web processes until each answers 200."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

from common.fleet.commands import HOST


def health_url(port: int) -> str:
    """The readiness URL of the process listening on ``port``."""
    return f"http://{HOST}:{port}/health"


def is_ready(port: int, timeout: float = 1.0) -> bool:
    """True when ``GET /health`` answers 200."""
    try:
        with urllib.request.urlopen(health_url(port), timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def port_is_free(port: int) -> bool:
    """True when nothing listens on ``HOST:port`` yet."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True
