"""nginx in front of the gateway for the local production run: the template rendered, the command to run it."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from common.fleet.services import ROOT

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
INSTALLER = ROOT / "deploy" / "ensure-nginx.sh"
# Debian installs nginx into /usr/sbin, which is not on every user's PATH.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])
PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
# Loopback is a whole /8 on Linux: nginx connects to the gateway from this address, so the
# gateway can trust it alone, and not every local process (localstripe, a curious test).
PROXY_ADDRESS = "127.0.0.2"


@dataclass(frozen=True)
class Edge:
    """What the rendered config says: where nginx listens, the gateway, the certificate."""

    run_dir: Path
    listen: str
    gateway: str
    certificate: Path
    certificate_key: Path
    max_body_bytes: int

    def values(self) -> dict[str, str]:
        """The template's placeholders."""
        # As root, nginx would hand its workers to `nobody`, who cannot write .run/: keep root.
        user = "user root;" if os.geteuid() == 0 else "# (not root: the workers run as this user)"
        return {
            "user": user,
            "run_dir": str(self.run_dir),
            "listen": self.listen,
            "gateway": self.gateway,
            "certificate": str(self.certificate),
            "certificate_key": str(self.certificate_key),
            "proxy_address": PROXY_ADDRESS,
            "client_max_body_size": str(self.max_body_bytes + 1024 * 1024),
        }


def render(edge: Edge, template: Path = TEMPLATE) -> str:
    """The template with every placeholder filled; KeyError names one it does not know."""
    values = edge.values()
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template.read_text())


def binary() -> str | None:
    """The nginx executable, if installed."""
    return shutil.which("nginx", path=SEARCH_PATH)


def write_config(edge: Edge) -> Path:
    """Render the config into the run folder; its path."""
    edge.run_dir.mkdir(parents=True, exist_ok=True)
    path = edge.run_dir / "nginx.conf"
    path.write_text(render(edge))
    return path


def command(executable: str, config: Path) -> list[str]:
    """nginx in the foreground (the runner supervises it), logging errors to stderr."""
    return [executable, "-p", str(config.parent), "-c", str(config), "-e", "stderr", "-g", "daemon off;"]
