"""compose.yaml describes the same fleet as ``common/fleet/services.py`` (Docker does not run here)."""

from __future__ import annotations

import json
import re
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
DOCKERFILE = (ROOT / "Dockerfile").read_text()


CONSOLE_SCRIPTS = frozenset({"gunicorn", "celery"})


def in_container(argv: list[str]) -> list[str]:
    """A runner command as the container runs it: a server by its console script, paths under /app."""
    if argv[1] == "-m" and argv[2] in CONSOLE_SCRIPTS:
        argv = argv[2:]
    elif argv[1] == "-m":
        argv = ["python", *argv[1:]]
    return [arg.replace(str(ROOT), "/app") for arg in argv]


def expected_services() -> list[str]:
    """The compose services of the image that the fleet table implies, and the four around them."""
    names = ["migrate", "logs-setup", "mailsink", "localstripe"]
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


def test_payments_go_to_localstripe_from_the_image_which_sends_webhooks_to_the_gateway() -> None:
    stand_in = BAZAAR["localstripe"]
    local = in_container(localstripe_command(8420, ROOT / ".run" / "localstripe.pickle", fresh=False))

    # Nothing is installed when the container starts: the image has the pinned package.
    assert stand_in["command"] == [*[arg.replace(HOST, "0.0.0.0") for arg in local], "--webhook", "http://gateway:8000"]
    assert "localstripe==" in (ROOT / "constraints.txt").read_text()
    assert "pip install -c constraints.txt localstripe" in DOCKERFILE
    assert stand_in["volumes"] == ["payments:/app/.run"]
    assert "payments" in COMPOSE["volumes"]
    assert "8420" in " ".join(stand_in["healthcheck"]["test"])
    assert BAZAAR["orders"]["environment"]["STRIPE_API_BASE"] == "http://localstripe:8420"
    assert BAZAAR["orders-worker"]["environment"]["STRIPE_API_BASE"] == "http://localstripe:8420"
    assert BAZAAR["orders"]["depends_on"]["localstripe"] == {"condition": "service_healthy"}


def test_no_service_installs_a_package_when_it_starts() -> None:
    for name, service in SERVICES.items():
        assert "pip" not in " ".join(service.get("command", [])), name


def test_only_the_gateway_kibana_the_stripe_stand_in_and_the_collector_publish_a_port_on_loopback() -> None:
    published = {name: service["ports"] for name, service in SERVICES.items() if service.get("ports")}

    # A client confirms a payment with the provider itself, as it would with api.stripe.com; the
    # collector's port is for Docker's daemon, which delivers the containers' output there.
    assert published == {
        "gateway": ["127.0.0.1:8000:8000"],
        "kibana": ["127.0.0.1:5601:5601"],
        "localstripe": ["127.0.0.1:8420:8420"],
        "fluent-bit": ["127.0.0.1:24224:24224"],
    }


def test_every_long_running_service_has_a_healthcheck_and_only_one_shot_ones_have_none() -> None:
    one_shot = {name for name, service in SERVICES.items() if service.get("restart") == "no"}

    assert one_shot == {"migrate", "logs-setup"}
    assert {name for name, service in SERVICES.items() if "healthcheck" not in service} == one_shot


@pytest.mark.parametrize("process", [p for p in FLEET if p.has_worker], ids=lambda p: p.name)
def test_every_worker_is_healthy_when_it_answers_a_ping_by_its_own_node_name(process: Process) -> None:
    worker = BAZAAR[f"{process.name}-worker"]
    node = worker["command"][worker["command"].index("-n") + 1]
    [check] = worker["healthcheck"]["test"][1:]

    assert node == f"{process.name}@%h"
    # Compose turns $$ into $, so the shell in the container expands the host name %h stands for.
    assert check.startswith(f"celery -A {process.package} inspect ping -d {process.name}@$$HOSTNAME ")


def test_every_bazaar_process_logs_through_the_collector_which_starts_after_the_logs_setup() -> None:
    for name, service in BAZAAR.items():
        assert service["logging"]["driver"] == "fluentd", name
        assert service["logging"]["options"]["fluentd-address"] == "127.0.0.1:24224", name
        # Never block a process on the collector, which starts after them.
        assert service["logging"]["options"]["fluentd-async"] == "true", name
    setup = BAZAAR["logs-setup"]
    assert setup["command"] == [
        "python", "-m", "deploy.logsetup", "--elasticsearch", "http://elasticsearch:9200", "--kibana", "http://kibana:5601",
    ]  # fmt: skip
    assert SERVICES["fluent-bit"]["depends_on"] == {"logs-setup": {"condition": "service_completed_successfully"}}
    assert {config["source"] for config in SERVICES["fluent-bit"]["configs"]} == {"fluent-bit", "fluent-bit-parsers"}


def test_the_collector_ships_every_line_to_the_daily_logs_indices_the_template_covers() -> None:
    config = yaml.safe_load((ROOT / COMPOSE["configs"]["fluent-bit"]["file"]).read_text())
    [output] = config["pipeline"]["outputs"]
    [forward] = config["pipeline"]["inputs"]
    parser = next(f for f in config["pipeline"]["filters"] if f["name"] == "parser")
    template = json.loads((ROOT / "deploy" / "logging" / "index-template.json").read_text())

    assert (forward["name"], forward["port"]) == ("forward", 24224)
    assert (output["name"], output["host"], output["logstash_prefix"]) == ("es", "elasticsearch", "bazaar-logs")
    assert template["index_patterns"] == [output["logstash_prefix"] + "-*"]
    assert (parser["key_name"], parser["parser"]) == ("message", "ecs_json")
    assert "grep" not in {f["name"] for f in config["pipeline"]["filters"]}  # every level


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
    assert {"postgres", "rabbitmq", "redis", "elasticsearch", "kibana", "fluent-bit"} <= set(SERVICES)
    assert SERVICES["rabbitmq"]["image"].startswith("rabbitmq:4.") and "-management" in SERVICES["rabbitmq"]["image"]
    assert SERVICES["elasticsearch"]["environment"]["xpack.security.enabled"] == "false"
    assert BAZAAR["migrate"]["command"] == ["python", "-m", "common.fleet.prepare"]
    assert BAZAAR["migrate"]["restart"] == "no"


def test_elasticsearch_and_kibana_run_the_version_of_the_python_client() -> None:
    [client] = re.findall(r"^elasticsearch==(\d+\.\d+)\.", (ROOT / "requirements.txt").read_text(), re.MULTILINE)

    for name in ("elasticsearch", "kibana"):
        version = SERVICES[name]["image"].rsplit(":", 1)[1]
        assert version.startswith(client + "."), name


def test_services_that_store_files_keep_them_and_the_shared_keys_in_volumes() -> None:
    for name in ("gigs", "chat", "orders"):
        assert BAZAAR[name]["volumes"] == ["keys:/app/.keys", "media:/app/.run/media"]
