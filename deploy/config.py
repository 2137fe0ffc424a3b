"""What every Bazaar container is told, derived from the env registry (``common/conf/registry.py``).

Three kinds of variable:

- a *secret* of the registry (``secret=True``) and the few values that carry a credential or a
  key pair's public half are **referenced** from a Secret (``secretKeyRef``), never written here;
- a variable the cluster wires (where PostgreSQL, Redis and each service are) gets its
  in-cluster value from :func:`cluster_values`;
- every other variable keeps its registry default, so a variable declared tomorrow reaches the
  cluster's ConfigMap by running ``python -m deploy.generate``, not by hand.

Values that differ per installation (public host, SMTP server, bucket) are set by an overlay's
``config.env`` (``deploy/overlays/*/``), merged over the generated ConfigMap.
"""

from __future__ import annotations

from dataclasses import dataclass

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import EnvVar, registry
from common.fleet.services import FLEET, Process

CONFIG_MAP = "bazaar-config"
# Created by the operator of the cluster (README "Deploying"): one key per variable name.
APP_SECRET = "bazaar-secrets"
# Created by CloudNativePG for the cluster's application owner (deploy/base/engines/postgres.yaml).
POSTGRES_SECRET = "bazaar-postgres-app"
POSTGRES_HOST = "bazaar-postgres-rw"
POSTGRES_OWNER = "bazaar"
REDIS_HOST = "bazaar-redis"

# Only `python -m common.fleet.up` reads these: meaningless in a cluster.
RUNNER_ONLY = frozenset({"FLEET_PORT_OFFSET", "MAIL_SINK_DIR"})
# Not secrets in the registry, but they carry a password (URLs) or belong with the private key.
ALSO_FROM_SECRET = ("JWT_PUBLIC_KEY", "RABBITMQ_URL", "ELASTICSEARCH_URL")
# Secrets a deployment may leave unset (no SMTP login, no S3 bucket, search in PostgreSQL).
OPTIONAL_SECRETS = frozenset({"EMAIL_HOST_PASSWORD", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "ELASTICSEARCH_URL"})


# Least privilege: a secret only one kind of process reads reaches only those pods.
# (``make up`` gives every child everything; a cluster need not.)
TOKEN_MINTER = "auth"  # the only process that signs tokens (common.conf.settings.jwt_keys)
PAYMENT_SECRETS = frozenset({"STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"})
MAIL_SECRETS = frozenset({"EMAIL_HOST_PASSWORD"})


def needs_secret(process: Process, variable: str) -> bool:
    """Whether ``process`` reads ``variable`` at all."""
    if variable == "JWT_PRIVATE_KEY":
        return process.name == TOKEN_MINTER
    if variable in PAYMENT_SECRETS:
        return process.takes_payments
    if variable in MAIL_SECRETS:
        return process.sends_mail
    if variable == "POSTGRES_PASSWORD":
        return process.has_database
    return True


@dataclass(frozen=True)
class SecretRef:
    """Where one variable's value comes from: a key of a Secret."""

    variable: str
    secret: str
    key: str
    optional: bool

    def env(self) -> dict[str, object]:
        """The container ``env`` entry that references it."""
        ref: dict[str, object] = {"name": self.secret, "key": self.key}
        if self.optional:
            ref["optional"] = True
        return {"name": self.variable, "valueFrom": {"secretKeyRef": ref}}


def variables() -> list[EnvVar]:
    """Every registry variable a container of the cluster may read."""
    return [var for var in registry() if var.name not in RUNNER_ONLY]


def default_of(name: str) -> str:
    """The registry default of ``name`` (never the environment of whoever runs the generator)."""
    return next(var.default for var in registry() if var.name == name)


def secret_refs(process: Process | None = None) -> list[SecretRef]:
    """Every variable read from a Secret (by ``process``, or by any process), in registry order."""
    refs = []
    for var in variables():
        if not (var.secret or var.name in ALSO_FROM_SECRET):
            continue
        if process is not None and not needs_secret(process, var.name):
            continue
        if var.name == "POSTGRES_PASSWORD":
            refs.append(SecretRef(var.name, POSTGRES_SECRET, "password", optional=False))
        else:
            refs.append(SecretRef(var.name, APP_SECRET, var.name, optional=var.name in OPTIONAL_SECRETS))
    return refs


def service_url(name: str, port: int) -> str:
    """How a pod reaches a process of the fleet: its Service, on the port ``make up`` gives it."""
    return f"http://{name}:{port}"


def cluster_values() -> dict[str, str]:
    """The variables whose value the cluster decides (where each engine and service is)."""
    values = {
        "BAZAAR_ENV": "production",
        "DJANGO_DEBUG": "false",
        # The public host is added by the overlay; the service names are how the gateway calls them.
        "ALLOWED_HOSTS": ",".join(process.name for process in FLEET),
        "POSTGRES_HOST": POSTGRES_HOST,
        "POSTGRES_PORT": "5432",
        "POSTGRES_USER": POSTGRES_OWNER,
        "POSTGRES_DB_PREFIX": default_of("POSTGRES_DB_PREFIX"),
        "REDIS_URL": f"redis://{REDIS_HOST}:6379/0",
        # The ingress controller's pods, somewhere in the cluster's private pod network; the
        # gateway's NetworkPolicy admits no other pod, so no one else can claim to be a proxy.
        "TRUSTED_PROXIES": "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16",
        # No stand-ins in a cluster: the real provider unless an overlay says otherwise.
        "STRIPE_API_BASE": "https://api.stripe.com",
    }
    for process in FLEET:
        if process.name != "gateway":
            values[process.url_variable] = service_url(process.name, process.port)
    return values


def config_data() -> dict[str, str]:
    """The ConfigMap's data: every non-secret variable, in registry order."""
    from_secret = {ref.variable for ref in secret_refs()}
    wired = cluster_values()
    return {var.name: wired.get(var.name, var.default) for var in variables() if var.name not in from_secret}


def config_env() -> str:
    """``config.env`` of the base's ConfigMap generator: ``NAME=value`` per variable."""
    lines = [f"{name}={value}" for name, value in config_data().items()]
    if any("\n" in line for line in lines):
        raise ValueError("a ConfigMap value spans lines: reference it from a Secret instead")
    return "".join(f"{line}\n" for line in lines)
