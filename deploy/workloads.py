"""The Kubernetes objects of one process of the fleet table, as plain dicts.

Per process: a web Deployment and its Service (HorizontalPodAutoscaler, PodDisruptionBudget,
a NetworkPolicy letting only the gateway in); with a worker, a worker Deployment; with beat,
a singleton beat Deployment; with a database, an outbox relay Deployment and a migration Job.
Every pod that touches the database waits in an init container until the Job's migrations
are applied (ADR 0013: the ordering guarantee).
"""

from __future__ import annotations

from typing import Any

from common.fleet.services import FLEET, Process
from deploy import commands
from deploy.config import CONFIG_MAP, secret_refs

Object = dict[str, Any]

IMAGE = "bazaar"
PART_OF = {"app.kubernetes.io/part-of": "bazaar"}
GATEWAY = "gateway"
INGRESS_NAMESPACE = "ingress-nginx"
RUN_DIR = "/app/.run"
# Outside production a process without the JWT private key makes a throwaway one there
# (common.conf.settings.jwt_keys): the dev overlay runs so. Production writes nothing in it.
KEYS_DIR = "/app/.keys"

# requests / limits per kind of container; the HPA scales web pods on CPU against the request.
RESOURCES: dict[str, Object] = {
    "gateway": {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}},
    "web": {"requests": {"cpu": "200m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}},
    "worker": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"cpu": "500m", "memory": "512Mi"}},
    "relay": {"requests": {"cpu": "50m", "memory": "128Mi"}, "limits": {"cpu": "250m", "memory": "256Mi"}},
    "beat": {"requests": {"cpu": "20m", "memory": "128Mi"}, "limits": {"cpu": "200m", "memory": "256Mi"}},
    "migrate": {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"cpu": "1", "memory": "512Mi"}},
}
# Replicas before the overlays: workers and relays scale by hand (README "Deploying");
# web Deployments leave replicas to their HPA.
REPLICAS = {"worker": 2, "relay": 1, "beat": 1}
HPA = {"minReplicas": 2, "maxReplicas": 10, "cpu": 70}
# A worker finishes its task before it stops (late acks would redeliver it anyway).
GRACE_SECONDS = {"worker": 60, "relay": 30, "beat": 30}


def labels(process: Process, component: str) -> dict[str, str]:
    return {**PART_OF, "app.kubernetes.io/name": process.name, "app.kubernetes.io/component": component}


def selector(process: Process, component: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": process.name, "app.kubernetes.io/component": component}


def metadata(name: str, process: Process, component: str) -> Object:
    return {"name": name, "labels": labels(process, component)}


def security_context() -> Object:
    """The image's unprivileged user, nothing writable but the mounted scratch folders."""
    return {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }


def container(process: Process, name: str, command: list[str], component: str, **extra: Any) -> Object:
    return {
        "name": name,
        "image": IMAGE,
        "command": command,
        "envFrom": [{"configMapRef": {"name": CONFIG_MAP}}],
        "env": [ref.env() for ref in secret_refs(process)],
        "resources": RESOURCES[component],
        "securityContext": security_context(),
        "volumeMounts": [
            {"name": "run", "mountPath": RUN_DIR},
            {"name": "keys", "mountPath": KEYS_DIR},
            {"name": "tmp", "mountPath": "/tmp"},
        ],
        **extra,
    }


def wait_for_migrations(process: Process) -> Object:
    """An init container that returns once the database has every migration of this image.

    ``migrate --check`` exits non-zero while a migration is unapplied (or the database is
    unreachable); the migration Job applies them.
    """
    check = " ".join(commands.manage(process, "migrate", "--check"))
    script = f"until {check} >/dev/null; do echo 'waiting for the {process.name} migrations'; sleep 5; done"
    return container(process, "wait-for-migrations", ["sh", "-c", script], "migrate")


def collect_static(process: Process) -> Object:
    """``collectstatic`` into the pod's scratch folder, as ``make up`` does before it starts."""
    return container(
        process, "collectstatic", commands.manage(process, "collectstatic", "--noinput", "-v", "0"), "migrate"
    )


def pod_spec(process: Process, component: str, main: Object, init: list[Object]) -> Object:
    spec: Object = {
        "securityContext": {"runAsNonRoot": True, "runAsUser": 10001, "seccompProfile": {"type": "RuntimeDefault"}},
        "containers": [main],
        "volumes": [{"name": name, "emptyDir": {}} for name in ("run", "keys", "tmp")],
    }
    if init:
        spec["initContainers"] = init
    if component in GRACE_SECONDS:
        spec["terminationGracePeriodSeconds"] = GRACE_SECONDS[component]
    return spec


def deployment(name: str, process: Process, component: str, pod: Object, **spec_extra: Any) -> Object:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": metadata(name, process, component),
        "spec": {
            **spec_extra,
            "selector": {"matchLabels": selector(process, component)},
            "template": {"metadata": {"labels": labels(process, component)}, "spec": pod},
        },
    }


def http_probe(process: Process, path: str, period: int, failures: int) -> Object:
    # The Host header is the Service name: ALLOWED_HOSTS lists it, not the pod's IP.
    headers = [{"name": "Host", "value": process.name}]
    get = {"path": path, "port": "http", "httpHeaders": headers}
    return {"httpGet": get, "periodSeconds": period, "timeoutSeconds": 3, "failureThreshold": failures}


def probes(process: Process) -> Object:
    """The gateway: alive on /health, ready on /health/ready (Redis and every service).

    A service serves only ``/health``, which checks its database: it is the readiness probe
    (the one ``make up`` waits for). Liveness must not fail when the database does (every pod
    would restart at once for nothing), so a service is alive while its port accepts.
    """
    if process.name == GATEWAY:
        return {"livenessProbe": http_probe(process, "/health", 10, 3), "readinessProbe": http_probe(process, "/health/ready", 5, 2)}  # fmt: skip
    live = {"tcpSocket": {"port": "http"}, "periodSeconds": 10, "timeoutSeconds": 3, "failureThreshold": 3}
    return {"livenessProbe": live, "readinessProbe": http_probe(process, "/health", 5, 2)}


def web_objects(process: Process) -> list[Object]:
    component = "gateway" if process.name == GATEWAY else "web"
    main = container(
        process,
        "web",
        commands.web(process),
        component,
        ports=[{"name": "http", "containerPort": process.port}],
        # Endpoints drop the pod before the server stops taking requests.
        lifecycle={"preStop": {"sleep": {"seconds": 5}}},
        **probes(process),
    )
    init = [wait_for_migrations(process)] if process.has_database else []
    init.append(collect_static(process))
    spread = {
        "maxSkew": 1,
        "topologyKey": "kubernetes.io/hostname",
        "whenUnsatisfiable": "ScheduleAnyway",
        "labelSelector": {"matchLabels": selector(process, "web")},
    }
    pod = {**pod_spec(process, "web", main, init), "topologySpreadConstraints": [spread]}
    return [
        deployment(process.name, process, "web", pod),
        service(process),
        autoscaler(process),
        disruption_budget(f"{process.name}-web", process, "web", {"minAvailable": 1}),
        *network_policies(process),
    ]


def service(process: Process) -> Object:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": metadata(process.name, process, "web"),
        "spec": {
            "selector": selector(process, "web"),
            "ports": [{"name": "http", "port": process.port, "targetPort": "http"}],
        },
    }


def autoscaler(process: Process) -> Object:
    metric = {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": HPA["cpu"]}}}  # fmt: skip
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": metadata(process.name, process, "web"),
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": process.name},
            "minReplicas": HPA["minReplicas"],
            "maxReplicas": HPA["maxReplicas"],
            "metrics": [metric],
        },
    }


def disruption_budget(name: str, process: Process, component: str, budget: Object) -> Object:
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": metadata(name, process, component),
        "spec": {**budget, "selector": {"matchLabels": selector(process, component)}},
    }


def network_policies(process: Process) -> list[Object]:
    """Who may open a connection to this web process: the ingress controller, or the gateway alone."""
    if process.name == GATEWAY:
        peer = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": INGRESS_NAMESPACE}}}
        name = "gateway-from-ingress"
    else:
        peer = {"podSelector": {"matchLabels": selector(gateway_process(), "web")}}
        name = f"{process.name}-from-gateway"
    return [
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": metadata(name, process, "web"),
            "spec": {
                "podSelector": {"matchLabels": selector(process, "web")},
                "policyTypes": ["Ingress"],
                "ingress": [{"from": [peer], "ports": [{"protocol": "TCP", "port": process.port}]}],
            },
        }
    ]


def gateway_process() -> Process:
    return next(process for process in FLEET if process.name == GATEWAY)


def background(process: Process, component: str, command: list[str]) -> Object:
    """A Deployment of a process without a port: worker, relay or beat."""
    init = [wait_for_migrations(process)] if process.has_database else []
    pod = pod_spec(process, component, container(process, component, command, component), init)
    extra: Object = {"replicas": REPLICAS[component]}
    if component == "beat":
        # Never two beats, not even for a moment of a rolling update: each would send every task.
        extra["strategy"] = {"type": "Recreate"}
    return deployment(f"{process.name}-{component}", process, component, pod, **extra)


def background_objects(process: Process) -> list[Object]:
    objects: list[Object] = []
    if process.has_worker:
        objects.append(background(process, "worker", commands.worker(process)))
        objects.append(disruption_budget(f"{process.name}-worker", process, "worker", {"maxUnavailable": 1}))
    if process.runs_beat:
        objects.append(background(process, "beat", commands.beat(process)))
    if process.has_database:
        objects.append(background(process, "relay", commands.relay(process)))
        objects.append(disruption_budget(f"{process.name}-relay", process, "relay", {"maxUnavailable": 1}))
        objects.append(migration_job(process))
    return objects


def migration_job(process: Process) -> Object:
    """``manage.py migrate`` once per apply; the Job deletes itself a while after it succeeded."""
    main = container(process, "migrate", commands.manage(process, "migrate", "--noinput"), "migrate")
    pod = {**pod_spec(process, "migrate", main, []), "restartPolicy": "OnFailure"}
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": metadata(f"{process.name}-migrate", process, "migrate"),
        "spec": {
            "backoffLimit": 10,
            "ttlSecondsAfterFinished": 600,
            "template": {"metadata": {"labels": labels(process, "migrate")}, "spec": pod},
        },
    }


def objects_of(process: Process) -> list[Object]:
    """Every object of one process, web first."""
    return [*web_objects(process), *background_objects(process)]


def default_deny() -> Object:
    """No Bazaar pod accepts a connection that a policy above does not allow."""
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": "bazaar-default-deny", "labels": PART_OF},
        "spec": {"podSelector": {"matchLabels": PART_OF}, "policyTypes": ["Ingress"]},
    }
