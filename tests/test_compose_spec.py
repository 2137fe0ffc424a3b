"""compose.yaml is a valid Compose file: validated against the Compose Specification's JSON schema."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "deploy" / "schemas" / "compose-spec.json"
PINNED_SHA256 = "d549057ebc2925f39f62799eab0db7b9e2c18b35b6c00595199116da3ed10e64"


def validator() -> jsonschema.Validator:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_the_vendored_schema_is_the_pinned_compose_specification() -> None:
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == PINNED_SHA256
    assert json.loads(SCHEMA.read_text())["title"] == "Compose Specification"


def test_compose_yaml_is_valid_against_the_compose_specification() -> None:
    errors = [f"{error.json_path}: {error.message}" for error in validator().iter_errors(compose())]

    assert errors == []


def test_the_schema_rejects_a_misspelt_service_key_and_a_bad_depends_on_condition() -> None:
    misspelt = copy.deepcopy(compose())
    misspelt["services"]["gateway"]["helthcheck"] = misspelt["services"]["gateway"].pop("healthcheck")
    bad_condition = copy.deepcopy(compose())
    bad_condition["services"]["auth"]["depends_on"]["migrate"]["condition"] = "service_done"

    assert not validator().is_valid(misspelt)
    assert not validator().is_valid(bad_condition)
