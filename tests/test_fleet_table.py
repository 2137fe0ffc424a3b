"""Every list of the fleet's processes outside ``common/fleet/services.py`` agrees with it.

The runner reads the table; what cannot import it (the gateway, the variable registry:
runtime code never imports the tooling) keeps a list of its own, checked here. A failure
names what a list lacks or has too many of.
"""

from __future__ import annotations

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf import registry
from common.conf.env import registry as variables
from common.fleet.services import FLEET
from gateway_project.proxy import routes

NONE = {"missing": [], "extra": []}
SERVICES = [process.name for process in FLEET if process.name != "gateway"]


def difference(listed: list[str], expected: list[str]) -> dict[str, list[str]]:
    """What a list lacks and what it has too many of: empty lists when it is right."""
    return {"missing": sorted(set(expected) - set(listed)), "extra": sorted(set(listed) - set(expected))}


def test_the_gateway_forwards_to_every_service_of_the_table_in_its_order() -> None:
    assert difference(list(routes.SERVICES), SERVICES) == NONE
    assert list(routes.SERVICES) == SERVICES


def test_every_route_goes_to_a_service_of_the_table_or_to_the_gateway_itself() -> None:
    served_by = {route.service for route in routes.ROUTES}

    assert difference(sorted(served_by), [*SERVICES, routes.GATEWAY]) == NONE


def test_the_registry_knows_every_service_and_every_process_that_verifies_tokens() -> None:
    assert difference(list(registry.SERVICES), SERVICES) == NONE
    assert difference(list(registry.VERIFIERS), [p.name for p in FLEET if p.name != "auth"]) == NONE
    assert set(registry.UPLOADERS) <= set(SERVICES)


def test_every_process_is_found_by_a_declared_variable_whose_local_default_is_its_port() -> None:
    defaults = {variable.name: variable.default for variable in variables()}

    for process in FLEET:
        assert defaults[process.url_variable] == f"http://127.0.0.1:{process.port}", process.name
