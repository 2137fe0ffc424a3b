"""The import contracts of ``pyproject.toml`` name every package the fleet table and ``common/`` hold.

A contract that forgets a package keeps nothing for it, silently: each list is checked
against its source (``common/fleet/services.py`` for the services, the folders of
``common/`` for its parts), and a failure names what is missing or extra.
"""

from __future__ import annotations

import tomllib
from typing import Any

from common.fleet import coverage
from common.fleet.services import FLEET, ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LINTER: dict[str, Any] = PYPROJECT["tool"]["importlinter"]
CONTRACTS = {contract["name"]: contract for contract in LINTER["contracts"]}
PACKAGES = [process.package for process in FLEET]
SERVICES = [process.package for process in FLEET if process.name != "gateway"]
TOOLING = ["common.fleet", "common.seed", "common.testing"]
RUNTIME_CONTRACT = "Runtime code never imports the developer tooling (common.fleet, common.seed, common.testing)"


def difference(listed: list[str], expected: list[str]) -> dict[str, list[str]]:
    """What a list lacks and what it has too many of: empty lists when it is right."""
    return {
        "missing": sorted(set(expected) - set(listed)),
        "extra": sorted(set(listed) - set(expected)),
    }


NONE = {"missing": [], "extra": []}


def common_parts() -> list[str]:
    """``common.<part>`` for each package and module right under ``common/`` but its own tests."""
    folders = [path.name for path in (ROOT / "common").iterdir() if (path / "__init__.py").is_file()]
    modules = [path.stem for path in (ROOT / "common").glob("*.py") if path.stem != "__init__"]
    return [f"common.{name}" for name in [*folders, *modules] if name != "tests"]


def test_the_linter_reads_common_and_every_package_of_the_fleet_table() -> None:
    assert difference(LINTER["root_packages"], ["common", *PACKAGES]) == NONE


def test_the_independence_contract_lists_every_package_of_the_fleet_table() -> None:
    contract = CONTRACTS["The services and the gateway never import each other"]

    assert difference(contract["modules"], PACKAGES) == NONE


def test_common_may_import_no_package_of_the_fleet_table() -> None:
    contract = CONTRACTS["common imports no service and not the gateway"]

    assert difference(contract["forbidden_modules"], PACKAGES) == NONE


def test_every_part_of_common_is_either_runtime_or_tooling_and_no_runtime_code_imports_the_tooling() -> None:
    contract = CONTRACTS[RUNTIME_CONTRACT]
    runtime = [part for part in common_parts() if part not in TOOLING]

    assert contract["forbidden_modules"] == TOOLING
    assert difference(contract["source_modules"], [*runtime, *PACKAGES]) == NONE


def test_coverage_leaves_out_the_same_tooling_the_contract_names() -> None:
    left_out = coverage.TOOLING

    assert left_out == [f"{name.replace('.', '/')}/*" for name in TOOLING]


def test_the_layers_contract_holds_the_domain_app_of_every_service() -> None:
    contract = CONTRACTS["Inside a domain app: api/handlers/tasks -> services/selectors -> models"]
    owners = [container.split(".")[0] for container in contract["containers"]]

    assert difference(owners, SERVICES) == NONE
    for container in contract["containers"]:
        assert (ROOT / container.replace(".", "/") / "models.py").is_file(), container
