"""The fleet as ``make up-prod`` runs it: production settings, behind nginx and TLS, on its own ports, databases, Redis database and vhost."""

from __future__ import annotations

import os
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis

from common.conf import env
from common.fleet.prod import HTTPS_PORT, run_dir
from common.testing.broker import fresh_vhost
from tests.e2e.conftest import FRONTEND_URL
from tests.e2e_prod.sink import MailSinkFolder
from tests.running_fleet import Fleet, launch, stop_fleet, wait_until_ready

# Below Linux's ephemeral ports like tests/e2e's (20000): gateway 32000, nginx 32443,
# localstripe 32420, mail sink 25025.
PORT_OFFSET = 24000
DB_PREFIX = "bazaar_e2eprod_"
REDIS_URL = "redis://127.0.0.1:6379/8"
VHOST = "bazaar_e2e_prod"
READY_LINE = "Bazaar is up in production mode"


@dataclass
class ProductionFleet(Fleet):
    """The fleet behind nginx: every client talks https, checking the run's own certificate."""

    certificate: Path = Path()

    def tls(self) -> ssl.SSLContext:
        """A TLS context that trusts the run's self-signed certificate and nothing else."""
        return ssl.create_default_context(cafile=str(self.certificate))

    def client(self, gateway_url: str | None = None) -> httpx.Client:
        return httpx.Client(base_url=gateway_url or self.gateway_url, timeout=10, verify=self.tls())


def operator_env(mail_dir: Path) -> dict[str, str]:
    """Ours, minus anything production reads without a default (the run provides those), plus this suite's places."""
    production_names = {var.name for var in env.registry() if var.no_default_in_production}
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name.removesuffix("_FILE") not in production_names
        and not name.startswith("EMAIL_")
        # Each process picks its own Django settings, whatever a test module set in this one.
        and name != "DJANGO_SETTINGS_MODULE"
    }
    return {
        **inherited,
        "POSTGRES_DB_PREFIX": DB_PREFIX,
        "FLEET_PORT_OFFSET": str(PORT_OFFSET),
        "REDIS_URL": REDIS_URL,
        "RABBITMQ_URL": fresh_vhost(VHOST),
        "MAIL_SINK_DIR": str(mail_dir),
        # The e2e helpers follow links to tests/e2e's front end.
        "FRONTEND_URL": FRONTEND_URL,
        # Every request comes from 127.0.0.1 (through nginx, which says so): one office, one address.
        "RATE_LIMIT_PER_IP": "100000",
        "PYTHONUNBUFFERED": "1",
    }


def start(mail_dir: Path, timeout: float = 240) -> ProductionFleet:
    """``python -m common.fleet.prod`` (what ``make up-prod`` runs), waiting for its ready line."""
    env_vars = operator_env(mail_dir)
    redis.Redis.from_url(REDIS_URL).flushdb()
    fleet = ProductionFleet(
        # Every line on stdout, as make up-prod ARGS=--verbose: the tests read localstripe's and the runner's.
        launch("common.fleet.prod", "--verbose", env=env_vars),
        f"https://127.0.0.1:{HTTPS_PORT + PORT_OFFSET}",
        env_vars,
        certificate=run_dir(PORT_OFFSET) / "tls" / "cert.pem",
    )
    wait_until_ready(fleet, ready_line=READY_LINE, timeout=timeout, said=("fleet ", "nginx "))
    return fleet


@pytest.fixture(scope="package")
def mail_sink(tmp_path_factory: pytest.TempPathFactory) -> MailSinkFolder:
    """Where the run's own mail sink writes every email."""
    return MailSinkFolder(tmp_path_factory.mktemp("mail"))


@pytest.fixture(scope="package")
def fleet(mail_sink: MailSinkFolder) -> Iterator[ProductionFleet]:
    """The production-mode fleet, its nginx, mail sink and localstripe; stopped after the last test."""
    running = start(mail_sink.directory)
    yield running
    stop_fleet(running)
    # Everything the fleet said, for a failure's post-mortem (CI keeps .run/ of a failed run).
    (run_dir(PORT_OFFSET) / "fleet.log").write_text("".join(running.output))
