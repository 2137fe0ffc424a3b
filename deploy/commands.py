"""The command of every container: the very command ``make up`` runs (common/fleet/commands.py), in the image.

Two honest differences, each made here and nowhere else:

- the runner's interpreter (``sys.executable``) is the image's ``python``, and the checkout is ``/app``;
- a web server binds ``0.0.0.0`` (the pod's address) instead of loopback.

Beat is its own process under ``make up`` too; here it gets a Deployment of one (ADR 0013).
"""

from __future__ import annotations

import sys

from common.fleet.commands import HOST, beat_command, relay_command, web_command, worker_command
from common.fleet.services import ROOT, Process

APP = "/app"
ANY_ADDRESS = "0.0.0.0"


def in_image(argv: list[str]) -> list[str]:
    """A runner command as the image runs it: ``python`` and paths under /app."""
    return ["python" if arg == sys.executable else arg.replace(str(ROOT), APP) for arg in argv]


def listening_on_the_pod(argv: list[str]) -> list[str]:
    """The web server bound to every address of the pod instead of loopback."""
    return [arg.replace(HOST, ANY_ADDRESS) for arg in argv]


def web(process: Process) -> list[str]:
    return listening_on_the_pod(in_image(web_command(process, process.port)))


def worker(process: Process) -> list[str]:
    return in_image(worker_command(process))


def relay(process: Process) -> list[str]:
    return in_image(relay_command(process))


def beat(process: Process) -> list[str]:
    return in_image(beat_command(process))


def manage(process: Process, *args: str) -> list[str]:
    """``manage.py`` of ``process`` in the image."""
    return ["python", f"{APP}/{process.package}/manage.py", *args]
