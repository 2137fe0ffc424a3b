"""deploy/ renders, validates offline, and runs the fleet of ``make up`` (ADR 0013).

Rendered with the pinned kubectl's kustomize; Kubernetes kinds validated strictly against the
schemas bundled by the pinned kubernetes-validate, operator kinds against deploy/crds/.
"""

from __future__ import annotations

import copy
import dataclasses
import sys
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf import env
from common.conf.env import EnvVar, registry
from common.fleet.commands import HOST, beat_command, relay_command, web_command, worker_command
from common.fleet.health import health_url
from common.fleet.services import FLEET, ROOT, Process
from deploy import commands as in_cluster
from deploy import generate
from deploy.config import RUNNER_ONLY, config_data, needs_secret
from deploy.generate import stale
from deploy.render import CRDS, OVERLAYS, crd_validators, errors, render

Object = dict[str, Any]
SERVICES = [process for process in FLEET if process.name != "gateway"]
WITH_DATABASE = [process for process in FLEET if process.has_database]


@pytest.fixture(scope="module", params=OVERLAYS)
def rendered(request: pytest.FixtureRequest) -> list[Object]:
    return render(request.param)


@pytest.fixture(scope="module")
def prod() -> list[Object]:
    return render("prod")


def find(objects: list[Object], kind: str, name: str) -> Object:
    matches = [obj for obj in objects if obj["kind"] == kind and obj["metadata"]["name"] == name]
    assert len(matches) == 1, f"{kind}/{name}: {len(matches)} found"
    return matches[0]


def main_container(deployment: Object) -> Object:
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return container


def bazaar_config(objects: list[Object]) -> Object:
    """The ConfigMap of the registry's variables (the collector has a ConfigMap of its own)."""
    (config,) = [obj for obj in objects if obj["kind"] == "ConfigMap" and obj["metadata"]["name"] != "fluent-bit"]
    return config


def rendered_config(objects: list[Object]) -> dict[str, str]:
    return bazaar_config(objects)["data"]


def variables_of(container: Object, objects: list[Object]) -> set[str]:
    """Every variable the container sees: its ConfigMap's keys and its own env."""
    names = {entry["name"] for entry in container.get("env", [])}
    for source in container.get("envFrom", []):
        config = bazaar_config(objects)
        assert source["configMapRef"]["name"] == config["metadata"]["name"]
        names |= set(config["data"])
    return names


def as_make_up_runs_it(argv: list[str]) -> list[str]:
    """The cluster's command with the honest differences undone: /app is the checkout, loopback again."""
    back = [arg.replace("/app", str(ROOT)) for arg in argv]
    return [arg.replace("0.0.0.0", HOST) for arg in back]


def runner(argv: list[str]) -> list[str]:
    """A runner command with its interpreter spelled as the image spells it."""
    return ["python" if arg == sys.executable else arg for arg in argv]


# --- the generated files and their validity ---------------------------------------------------


def test_the_generated_manifests_are_what_the_generator_writes_now() -> None:
    assert stale() == [], "run: python -m deploy.generate"


def test_a_variable_declared_tomorrow_reaches_the_config_map_by_regeneration(monkeypatch) -> None:
    monkeypatch.setitem(env._REGISTRY, "TOMORROWS_SETTING", EnvVar("TOMORROWS_SETTING", "42", "A new knob."))

    assert config_data()["TOMORROWS_SETTING"] == "42"
    assert stale() == ["config.env"]


def test_a_process_that_starts_running_beat_gets_its_beat_deployment_by_regeneration(monkeypatch) -> None:
    fleet = tuple(dataclasses.replace(p, runs_beat=True) if p.name == "users" else p for p in FLEET)
    monkeypatch.setattr(generate, "FLEET", fleet)

    assert stale() == ["users.yaml"]
    assert "name: users-beat" in generate.render()["users.yaml"]


def test_every_rendered_object_is_valid_against_the_kubernetes_or_the_pinned_operator_schemas(
    rendered: list[Object],
) -> None:
    assert [message for obj in rendered for message in errors(obj)] == []


def test_every_operator_kind_we_render_has_a_pinned_schema_and_every_pinned_schema_is_used(prod) -> None:
    operator_kinds = {(obj["apiVersion"], obj["kind"]) for obj in prod if "." in obj["apiVersion"].split("/")[0]}
    operator_kinds -= {(v, k) for v, k in operator_kinds if v.split("/")[0].endswith("k8s.io")}

    assert operator_kinds == set(crd_validators())
    assert set(crd_validators()) == {
        ("rabbitmq.com/v1beta1", "RabbitmqCluster"),
        ("postgresql.cnpg.io/v1", "Cluster"),
        ("postgresql.cnpg.io/v1", "Database"),
        ("elasticsearch.k8s.elastic.co/v1", "Elasticsearch"),
        ("kibana.k8s.elastic.co/v1", "Kibana"),
    }
    sources = (CRDS / "README.md").read_text()
    for path in CRDS.glob("*.yaml"):
        assert f"`{path.name}`" in sources  # where it came from, at which operator version


def test_the_validation_rejects_a_misspelt_field_in_a_kubernetes_and_in_an_operator_kind(prod) -> None:
    deployment = copy.deepcopy(find(prod, "Deployment", "auth"))
    main_container(deployment)["livenesProbe"] = {"tcpSocket": {"port": "http"}}
    cluster = copy.deepcopy(find(prod, "Cluster", "bazaar-postgres"))
    cluster["spec"]["instance"] = 3
    unknown = {"apiVersion": "example.com/v1", "kind": "Gadget", "metadata": {"name": "x"}}

    assert errors(deployment) != [] and "livenesProbe" in errors(deployment)[0]
    assert errors(cluster) != [] and "instance" in errors(cluster)[0]
    assert errors(unknown) == ["Gadget example.com/v1: no Kubernetes schema and no pinned CRD schema in deploy/crds/"]


# --- every process of the fleet table, as make up runs it -------------------------------------


@pytest.mark.parametrize("process", FLEET, ids=lambda p: p.name)
def test_every_web_process_runs_the_make_up_command_bound_to_the_pod(prod, process: Process) -> None:
    container = main_container(find(prod, "Deployment", process.name))

    assert as_make_up_runs_it(container["command"]) == runner(web_command(process, process.port))
    assert not any(HOST in arg for arg in container["command"])
    assert any(arg in ("0.0.0.0", f"0.0.0.0:{process.port}") for arg in container["command"])
    assert container["ports"] == [{"name": "http", "containerPort": process.port}]


@pytest.mark.parametrize("process", SERVICES, ids=lambda p: p.name)
def test_a_service_is_ready_on_the_health_url_make_up_waits_for_and_alive_while_its_port_accepts(
    prod, process: Process
) -> None:
    container = main_container(find(prod, "Deployment", process.name))
    ready = container["readinessProbe"]["httpGet"]

    assert urlsplit(health_url(process.port)).path == ready["path"] == "/health"
    assert ready["port"] == "http"
    assert ready["httpHeaders"] == [{"name": "Host", "value": process.name}]
    assert container["livenessProbe"]["tcpSocket"] == {"port": "http"}


def test_the_gateway_is_alive_on_health_and_ready_on_health_ready(prod) -> None:
    container = main_container(find(prod, "Deployment", "gateway"))

    assert container["livenessProbe"]["httpGet"]["path"] == "/health"
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"


@pytest.mark.parametrize("process", [p for p in FLEET if p.has_worker], ids=lambda p: p.name)
def test_every_worker_runs_the_make_up_worker_command(prod, process: Process) -> None:
    worker = find(prod, "Deployment", f"{process.name}-worker")

    assert as_make_up_runs_it(main_container(worker)["command"]) == runner(worker_command(process))
    assert "-B" not in main_container(worker)["command"]


@pytest.mark.parametrize("process", FLEET, ids=lambda p: p.name)
def test_beat_runs_alone_once_exactly_where_the_table_says_so(prod, process: Process) -> None:
    beats = [obj for obj in prod if obj["kind"] == "Deployment" and obj["metadata"]["name"] == f"{process.name}-beat"]

    assert len(beats) == (1 if process.runs_beat else 0)
    if process.runs_beat:
        (beat,) = beats
        assert as_make_up_runs_it(main_container(beat)["command"]) == runner(beat_command(process))
        assert beat["spec"]["replicas"] == 1
        assert beat["spec"]["strategy"] == {"type": "Recreate"}
        assert not [obj for obj in prod if obj["kind"] == "HorizontalPodAutoscaler" and obj["spec"]["scaleTargetRef"]["name"] == beat["metadata"]["name"]]  # fmt: skip


@pytest.mark.parametrize("process", FLEET, ids=lambda p: p.name)
def test_a_process_with_a_database_has_its_relay_its_migration_job_and_waits_for_it(prod, process: Process) -> None:
    names = {obj["metadata"]["name"] for obj in prod if obj["kind"] in ("Deployment", "Job")}
    if not process.has_database:
        assert {f"{process.name}-relay", f"{process.name}-migrate"} & names == set()
        return
    relay = find(prod, "Deployment", f"{process.name}-relay")
    job = find(prod, "Job", f"{process.name}-migrate")
    manage = f"/app/{process.package}/manage.py"

    assert main_container(relay)["command"] == in_cluster.in_image(relay_command(process))
    assert main_container(job)["command"] == ["python", manage, "migrate", "--noinput"]
    for deployment in [obj for obj in prod if obj["kind"] == "Deployment" and obj["metadata"]["labels"]["app.kubernetes.io/name"] == process.name]:  # fmt: skip
        (wait, *_) = deployment["spec"]["template"]["spec"]["initContainers"]
        assert wait["name"] == "wait-for-migrations"
        assert f"until python {manage} migrate --check" in wait["command"][-1]


@pytest.mark.parametrize("process", FLEET, ids=lambda p: p.name)
def test_every_container_sees_every_registry_variable_as_make_up_gives_it_secrets_only_where_read(
    rendered, process: Process
) -> None:
    declared = {var.name for var in registry()} - RUNNER_ONLY
    secrets = {var.name for var in registry() if var.secret}
    for obj in rendered:
        if obj["kind"] not in ("Deployment", "Job") or obj["metadata"]["labels"].get("app.kubernetes.io/name") != process.name:  # fmt: skip
            continue
        seen = variables_of(main_container(obj), rendered)
        withheld = {name for name in secrets if not needs_secret(process, name)}
        assert seen == declared - withheld, obj["metadata"]["name"]


def test_the_config_map_holds_no_secret_and_every_secret_is_referenced_never_inlined(rendered) -> None:
    secrets = {var.name for var in registry() if var.secret}

    assert secrets & set(rendered_config(rendered)) == set()
    assert [obj for obj in rendered if obj["kind"] == "Secret"] == []
    for obj in rendered:
        if obj["kind"] in ("Deployment", "Job"):
            for container in [main_container(obj), *obj["spec"]["template"]["spec"].get("initContainers", [])]:
                for entry in container["env"]:
                    assert set(entry) == {"name", "valueFrom"} and "secretKeyRef" in entry["valueFrom"]


def test_every_service_url_names_its_service_on_the_port_make_up_gives_it(rendered) -> None:
    data = rendered_config(rendered)
    for process in SERVICES:
        service = find(rendered, "Service", process.name)
        assert data[process.url_variable] == f"http://{process.name}:{process.port}"
        assert service["spec"]["ports"] == [{"name": "http", "port": process.port, "targetPort": "http"}]
        assert process.name in data["ALLOWED_HOSTS"].split(",")


def test_every_service_gets_its_own_database_in_the_one_postgres_cluster_owned_by_the_configured_user(
    rendered,
) -> None:
    prefix = next(var.default for var in registry() if var.name == "POSTGRES_DB_PREFIX")
    databases = [obj for obj in rendered if obj["kind"] == "Database"]
    (cluster,) = [obj for obj in rendered if obj["kind"] == "Cluster"]

    assert sorted(db["spec"]["name"] for db in databases) == sorted(prefix + p.name for p in WITH_DATABASE)
    assert {db["spec"]["owner"] for db in databases} == {rendered_config(rendered)["POSTGRES_USER"]}
    assert {db["spec"]["cluster"]["name"] for db in databases} == {cluster["metadata"]["name"]}
    assert rendered_config(rendered)["POSTGRES_HOST"] == f"{cluster['metadata']['name']}-rw"


# --- reaching the fleet: ingress, network policies, scaling -----------------------------------


def test_only_the_gateway_is_reachable_from_outside_websockets_included(rendered) -> None:
    ingresses = [obj for obj in rendered if obj["kind"] == "Ingress"]
    backends = {
        (path["path"], path["backend"]["service"]["name"])
        for ingress in ingresses
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }

    assert {name for _, name in backends} == {"gateway"}
    assert {"/", "/ws/", "/socket.io/"} <= {path for path, _ in backends}


@pytest.mark.parametrize("process", SERVICES, ids=lambda p: p.name)
def test_a_service_accepts_connections_from_gateway_pods_alone(rendered, process: Process) -> None:
    policies = [obj for obj in rendered if obj["kind"] == "NetworkPolicy"]
    web = find(rendered, "Deployment", process.name)["spec"]["template"]["metadata"]["labels"]
    selecting = [p for p in policies if all(web.get(k) == v for k, v in p["spec"]["podSelector"].get("matchLabels", {}).items())]  # fmt: skip
    gateway = find(rendered, "Deployment", "gateway")["spec"]["template"]["metadata"]["labels"]
    other_pods = [obj["spec"]["template"]["metadata"]["labels"] for obj in rendered if obj["kind"] == "Deployment" and obj["metadata"]["name"] != "gateway"]  # fmt: skip

    assert {p["metadata"]["name"] for p in selecting} == {"bazaar-default-deny", f"{process.name}-from-gateway"}
    peers = [peer for p in selecting for rule in p["spec"].get("ingress", []) for peer in rule["from"]]
    assert len(peers) == 1 and set(peers[0]) == {"podSelector"}
    admitted = peers[0]["podSelector"]["matchLabels"]
    assert all(gateway[k] == v for k, v in admitted.items())
    assert not any(all(labels.get(k) == v for k, v in admitted.items()) for labels in other_pods)


@pytest.mark.parametrize("process", FLEET, ids=lambda p: p.name)
def test_every_web_process_scales_on_cpu_and_keeps_a_pod_through_a_voluntary_disruption(prod, process: Process) -> None:
    deployment = find(prod, "Deployment", process.name)
    hpa = find(prod, "HorizontalPodAutoscaler", process.name)
    budget = find(prod, "PodDisruptionBudget", f"{process.name}-web")

    assert "replicas" not in deployment["spec"]  # the HPA owns it; an apply must not reset it
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": process.name}
    assert hpa["spec"]["minReplicas"] >= 2
    assert budget["spec"]["minAvailable"] == 1
    assert budget["spec"]["selector"]["matchLabels"].items() <= deployment["spec"]["template"]["metadata"]["labels"].items()  # fmt: skip
    resources = main_container(deployment)["resources"]
    assert set(resources) == {"requests", "limits"} and resources["requests"]["cpu"]


def test_every_container_has_requests_and_limits_and_runs_unprivileged_on_a_read_only_root(rendered) -> None:
    for obj in rendered:
        if obj["kind"] not in ("Deployment", "Job", "StatefulSet"):
            continue
        pod = obj["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        for container in [*pod["containers"], *pod.get("initContainers", [])]:
            assert set(container["resources"]) == {"requests", "limits"}, obj["metadata"]["name"]
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
            assert container["securityContext"]["allowPrivilegeEscalation"] is False


# --- engines and versions ---------------------------------------------------------------------


def test_every_engine_is_an_operator_resource_or_the_official_image_and_every_image_is_pinned(rendered) -> None:
    kinds = {obj["kind"] for obj in rendered}
    images = [
        container["image"]
        for obj in rendered
        if obj["kind"] in ("Deployment", "StatefulSet", "Job")
        for container in obj["spec"]["template"]["spec"]["containers"]
    ]
    engine_images = [
        find(rendered, "RabbitmqCluster", "bazaar-rabbitmq")["spec"]["image"],
        find(rendered, "Cluster", "bazaar-postgres")["spec"]["imageName"],
        *images,
    ]

    assert {"RabbitmqCluster", "Cluster", "Database", "Elasticsearch", "Kibana"} <= kinds
    assert [obj["metadata"]["name"] for obj in rendered if obj["kind"] == "StatefulSet"] == ["bazaar-redis"]
    for image in engine_images:
        name, _, tag = image.rpartition(":")
        assert name and tag and tag != "latest", image
    for kind in ("Elasticsearch", "Kibana"):
        # The version of the Python client (requirements.txt) and of compose.yaml's images.
        assert find(rendered, kind, "bazaar")["spec"]["version"] == "8.19.21"


def test_the_prod_overlay_serves_its_public_host_over_https(prod) -> None:
    data = rendered_config(prod)
    (ingress,) = [obj for obj in prod if obj["kind"] == "Ingress" and obj["metadata"]["name"] == "gateway"]
    host = urlsplit(data["GATEWAY_URL"]).hostname

    assert data["BAZAAR_ENV"] == "production"
    assert data["GATEWAY_URL"].startswith("https://")
    assert host in data["ALLOWED_HOSTS"].split(",")
    assert ingress["spec"]["rules"][0]["host"] == host
    assert ingress["spec"]["tls"][0]["hosts"] == [host]
    assert data["S3_BUCKET"]  # several pods per service: no upload on a pod's disk


def test_the_overlays_name_the_same_config_map_their_pods_read(rendered) -> None:
    config = bazaar_config(rendered)
    refs = {
        source["configMapRef"]["name"]
        for obj in rendered
        if obj["kind"] in ("Deployment", "Job")
        for source in main_container(obj)["envFrom"]
    }

    assert refs == {config["metadata"]["name"]}
    assert config["metadata"]["name"].startswith("bazaar-config-")  # hashed: a change rolls the pods


def test_the_readme_installs_the_operator_versions_the_schemas_are_pinned_to() -> None:
    readme = (ROOT / "docs" / "operations.md").read_text()
    sources = (CRDS / "README.md").read_text()

    for pinned in ("v2.14.0", "v1.29.1", "3.3.0"):
        assert pinned in readme and pinned in sources
    assert yaml.safe_load((ROOT / "deploy" / "base" / "kustomization.yaml").read_text())["namespace"] == "bazaar"


# --- the log collector (ADR 0016) -------------------------------------------------------------


def collector_config(objects: list[Object]) -> dict[str, Any]:
    return yaml.safe_load(find(objects, "ConfigMap", "fluent-bit")["data"]["bazaar.yaml"])


def test_a_collector_on_every_node_tails_the_files_of_every_bazaar_container_and_no_other(prod) -> None:
    collector = find(prod, "DaemonSet", "fluent-bit")
    [tail] = collector_config(prod)["pipeline"]["inputs"]
    containers = {
        container["name"]
        for obj in prod
        if obj["kind"] in ("Deployment", "Job", "DaemonSet")
        for container in [
            *obj["spec"]["template"]["spec"]["containers"],
            *obj["spec"]["template"]["spec"].get("initContainers", []),
        ]  # fmt: skip
        if container["image"].rpartition(":")[0].rpartition("/")[2] == "bazaar"
    }

    assert collector["spec"]["template"]["spec"]["tolerations"] == [{"operator": "Exists", "effect": "NoSchedule"}]
    assert tail["name"] == "tail"
    assert sorted(tail["path"].split(",")) == sorted(
        f"/var/log/containers/*_bazaar_{name}-*.log" for name in containers
    )


def test_the_collector_ships_every_line_to_the_daily_logs_indices_of_the_eck_cluster_as_compose_does(prod) -> None:
    cluster = collector_config(prod)["pipeline"]
    compose = yaml.safe_load((ROOT / "deploy" / "logging" / "fluent-bit" / "compose.yaml").read_text())["pipeline"]
    [output] = cluster["outputs"]
    [container] = find(prod, "DaemonSet", "fluent-bit")["spec"]["template"]["spec"]["containers"]
    parsers = find(prod, "ConfigMap", "fluent-bit")["data"]["parsers.yaml"]

    assert (output["host"], output["http_user"], output["http_passwd"]) == (
        "bazaar-es-http",
        "elastic",
        "${ELASTIC_PASSWORD}",
    )
    assert container["env"] == [
        {
            "name": "ELASTIC_PASSWORD",
            "valueFrom": {"secretKeyRef": {"name": "bazaar-es-elastic-user", "key": "elastic"}},
        }
    ]
    same = ("logstash_format", "logstash_prefix", "logstash_dateformat", "replace_dots", "suppress_type_name")
    assert {key: output[key] for key in same} == {key: compose["outputs"][0][key] for key in same}
    assert [f for f in cluster["filters"] if f["name"] == "parser"] == [
        {**f, "match": "kube.*"} for f in compose["filters"] if f["name"] == "parser"
    ]
    assert parsers == (ROOT / "deploy" / "logging" / "fluent-bit" / "parsers.yaml").read_text()
    assert "grep" not in {f["name"] for f in cluster["filters"]}  # every level


def test_the_index_settings_are_installed_before_a_line_is_shipped_and_kibanas_objects_by_a_job(prod) -> None:
    [init] = find(prod, "DaemonSet", "fluent-bit")["spec"]["template"]["spec"]["initContainers"]
    setup = main_container(find(prod, "Job", "logs-setup"))
    elasticsearch = "http://elastic:$(ELASTIC_PASSWORD)@bazaar-es-http:9200"

    assert init["command"] == ["python", "-m", "deploy.logsetup", "--elasticsearch", elasticsearch]
    assert setup["command"] == [*init["command"], "--kibana", "http://bazaar-kb-http:5601"]
    assert init["env"] == setup["env"]
    assert find(prod, "Kibana", "bazaar")["spec"]["http"] == {"tls": {"selfSignedCertificate": {"disabled": True}}}


def test_the_collector_is_root_only_to_read_the_nodes_logs_and_may_only_read_pods(prod) -> None:
    pod = find(prod, "DaemonSet", "fluent-bit")["spec"]["template"]["spec"]
    [container] = pod["containers"]
    mounts = {mount["name"]: mount for mount in container["volumeMounts"]}
    role = find(prod, "ClusterRole", "bazaar-fluent-bit")

    assert container["securityContext"] == {
        "readOnlyRootFilesystem": True,
        "allowPrivilegeEscalation": False,
        "capabilities": {"drop": ["ALL"]},
    }
    assert set(container["resources"]) == {"requests", "limits"}
    assert mounts["container-logs"]["readOnly"] is True and mounts["config"]["readOnly"] is True
    assert role["rules"] == [
        {"apiGroups": [""], "resources": ["pods", "namespaces"], "verbs": ["get", "list", "watch"]}
    ]
    for init in pod["initContainers"]:
        assert init["securityContext"]["runAsNonRoot"] is True
