"""compose.yaml describes the same fleet as ``common/fleet/services.py`` (Docker does not run here)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import registry
from common.fleet.commands import (
    HOST,
    beat_command,
    localstripe_command,
    mail_sink_command,
    web_command,
    worker_command,
)
from common.fleet.services import FLEET, ROOT, Process

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
IMAGE = "bazaar:local"
BAZAAR = {name: service for name, service in SERVICES.items() if service.get("image") == IMAGE}


CONSOLE_SCRIPTS = frozenset({"gunicorn", "celery"})


def in_container(argv: list[str]) -> list[str]:
    """A runner command as the container runs it: a server by its console script, paths under /app."""
    if argv[1] == "-m" and argv[2] in CONSOLE_SCRIPTS:
        argv = argv[2:]
    elif argv[1] == "-m":
        argv = ["python", *argv[1:]]
    return [arg.replace(str(ROOT), "/app") for arg in argv]


def expected_services() -> list[str]:
    """The compose services of the image that the fleet table implies, and the three around them."""
    names = ["migrate", "mailsink", "localstripe"]
    for process in FLEET:
        names.append(process.name)
        names += [f"{process.name}-worker"] if process.has_worker else []
        names += [f"{process.name}-relay"] if process.has_database else []
        names += [f"{process.name}-beat"] if process.runs_beat else []
    return names


def test_compose_runs_exactly_the_processes_of_the_fleet_table() -> None:
    expected = expected_services()

    assert {
        "missing": sorted(set(expected) - set(BAZAAR)),
        "extra": sorted(set(BAZAAR) - set(expected)),
    } == {"missing": [], "extra": []}


@pytest.mark.parametrize("process", FLEET, ids=lambda p: p.name)
def test_every_process_has_a_web_service_like_the_local_runner_checked_on_health(process: Process) -> None:
    service = BAZAAR[process.name]
    local = in_container(web_command(process, process.port))

    assert service["command"] == [arg.replace(HOST, "0.0.0.0") for arg in local]
    assert f"127.0.0.1:{process.port}/health" in " ".join(service["healthcheck"]["test"])
    assert service["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


@pytest.mark.parametrize("process", [p for p in FLEET if p.has_worker], ids=lambda p: p.name)
def test_every_worker_runs_the_same_command_as_the_local_runner(process: Process) -> None:
    assert BAZAAR[f"{process.name}-worker"]["command"] == in_container(worker_command(process))


def test_every_process_with_a_database_has_an_outbox_relay_and_no_other_does() -> None:
    relays = {name: service for name, service in BAZAAR.items() if name.endswith("-relay")}

    assert set(relays) == {f"{process.name}-relay" for process in FLEET if process.has_database}
    for process in FLEET:
        if process.has_database:
            relay = relays[f"{process.name}-relay"]
            assert relay["command"] == ["python", f"{process.package}/manage.py", "relay_events"]
            assert relay["depends_on"]["rabbitmq"] == {"condition": "service_healthy"}
            assert relay["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


def test_beat_runs_as_its_own_service_where_the_table_says_so_and_never_inside_a_worker() -> None:
    beats = {name: service for name, service in BAZAAR.items() if name.endswith("-beat")}

    assert set(beats) == {f"{process.name}-beat" for process in FLEET if process.runs_beat}
    assert set(beats) == {"auth-beat", "gigs-beat", "orders-beat", "notifications-beat"}
    for process in FLEET:
        if process.runs_beat:
            beat = beats[f"{process.name}-beat"]
            assert beat["command"] == in_container(beat_command(process))
            assert beat["command"][4:6] == ["--schedule", f"/app/.run/celerybeat-{process.name}"]
            assert beat["depends_on"]["rabbitmq"] == {"condition": "service_healthy"}
    for name, service in BAZAAR.items():
        assert "-B" not in service["command"] and "--beat" not in service["command"], name


def test_mail_goes_to_the_mail_sink_which_keeps_it_in_a_volume() -> None:
    sink = BAZAAR["mailsink"]
    local = in_container(mail_sink_command(1025, "/app/.run/mail"))

    assert sink["command"] == [arg.replace(HOST, "0.0.0.0") for arg in local]
    assert sink["volumes"] == ["mail:/app/.run"]
    assert "mail" in COMPOSE["volumes"]
    assert "1025" in " ".join(sink["healthcheck"]["test"])
    env = BAZAAR["notifications-worker"]["environment"]
    assert (env["EMAIL_HOST"], env["EMAIL_PORT"]) == ("mailsink", "1025")
    assert BAZAAR["notifications-worker"]["depends_on"]["mailsink"] == {"condition": "service_healthy"}


def test_payments_go_to_localstripe_which_installs_the_pinned_package_and_sends_webhooks_to_the_gateway() -> None:
    stand_in = BAZAAR["localstripe"]
    shell, dash_c, script = stand_in["command"]
    install, run = script.split(" && exec ")
    local = in_container(localstripe_command(8420, ROOT / ".run" / "localstripe.pickle", fresh=False))

    assert (shell, dash_c) == ("sh", "-c")
    assert install == "pip install --user --no-warn-script-location -c constraints.txt localstripe"
    assert "localstripe==" in (ROOT / "constraints.txt").read_text()
    assert run.split() == [*[arg.replace(HOST, "0.0.0.0") for arg in local], "--webhook", "http://gateway:8000"]
    assert stand_in["volumes"] == ["payments:/app/.run"]
    assert "payments" in COMPOSE["volumes"]
    assert "8420" in " ".join(stand_in["healthcheck"]["test"])
    assert BAZAAR["orders"]["environment"]["STRIPE_API_BASE"] == "http://localstripe:8420"
    assert BAZAAR["orders-worker"]["environment"]["STRIPE_API_BASE"] == "http://localstripe:8420"
    assert BAZAAR["orders"]["depends_on"]["localstripe"] == {"condition": "service_healthy"}


def test_only_the_gateway_and_the_stripe_stand_in_publish_a_port_on_loopback() -> None:
    published = {name: service["ports"] for name, service in SERVICES.items() if service.get("ports")}

    # A client confirms a payment with the provider itself, as it would with api.stripe.com.
    assert published == {"gateway": ["127.0.0.1:8000:8000"], "localstripe": ["127.0.0.1:8420:8420"]}


def test_every_variable_given_to_a_bazaar_process_is_declared_in_the_registry() -> None:
    declared = {var.name for var in registry()}
    used = {name for service in BAZAAR.values() for name in service["environment"]}

    assert used - declared == set()


def test_every_service_url_points_at_its_compose_service_and_port() -> None:
    env = BAZAAR["gateway"]["environment"]

    for process in FLEET:
        if process.name != "gateway":
            assert env[process.url_variable] == f"http://{process.name}:{process.port}"
    assert env["POSTGRES_HOST"] == "postgres"
    assert env["BAZAAR_ENV"] == "local"
    assert env["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"


def test_postgres_creates_every_database_on_first_start() -> None:
    script = COMPOSE["configs"]["postgres-init"]["content"]
    created = set(re.findall(r"CREATE DATABASE (\w+);", script))

    assert created == {process.database for process in FLEET if process.has_database}
    assert SERVICES["postgres"]["configs"][0]["target"].startswith("/docker-entrypoint-initdb.d/")


def test_the_backing_services_are_there_and_migrate_runs_once() -> None:
    assert {"postgres", "rabbitmq", "redis", "elasticsearch", "kibana"} <= set(SERVICES)
    assert SERVICES["elasticsearch"]["image"].split(":")[-1].startswith("8.")
    assert SERVICES["elasticsearch"]["environment"]["xpack.security.enabled"] == "false"
    assert BAZAAR["migrate"]["command"] == ["python", "-m", "common.fleet.prepare"]
    assert BAZAAR["migrate"]["restart"] == "no"


def test_the_image_runs_as_an_unprivileged_user_from_pinned_requirements() -> None:
    dockerfile = Path(ROOT / "Dockerfile").read_text()

    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "pip install -r requirements.txt -c constraints.txt" in dockerfile
    assert re.search(r"^USER bazaar$", dockerfile, re.MULTILINE)


def test_services_that_store_uploads_keep_them_and_the_shared_keys_in_volumes() -> None:
    for name in ("gigs", "chat"):
        assert BAZAAR[name]["volumes"] == ["keys:/app/.keys", "media:/app/.run/media"]
