"""The OpenAPI document is the contract: schemathesis holds the running fleet to ``/api/schema``.

Every operation of the gateway's merged document is called with generated requests, valid
and invalid (the examples, coverage and fuzzing phases), then in generated sequences that
follow the links between operations (the stateful phase), with every check schemathesis
has. A signed-in seller with a gig makes the protected operations reachable. Any failure
fails the test, except those listed with their reason in :mod:`tests.e2e.contract_exceptions`.

The run is bounded and deterministic (a fixed seed, no example database) so that it takes
about the same time, and finds the same things, on every machine. It runs after the other
e2e tests (see ``conftest.py``): it writes at random all over the marketplace.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis.core.failures import FailureGroup

from tests.e2e.conftest import Fleet
from tests.e2e.contract_exceptions import Failure, is_allowed
from tests.e2e.mailbox import Mailbox
from tests.e2e.marketplace import Seller, make_seller, sign_up

SIGNOUT = "/api/v1/auth/signout"
# Enough examples per operation to cross every documented bound (the coverage phase adds
# each boundary and each invalid kind once), few enough for about a minute on two cores.
CONFIG: dict[str, Any] = {
    "seed": 20251203,
    "generation": {
        "mode": "all",
        "max-examples": 10,
        "deterministic": True,
        "database": "none",
        # The seller's token is sent by ``signed_in``; made-up tokens would only ever meet the 401.
        # (The ``ignored_auth`` check still sends requests without it and with a broken one.)
        "with-security-parameters": False,
    },
    "checks": {"enabled": True},
    "phases": {
        "examples": {"enabled": True},
        "coverage": {"enabled": True},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": True, "max-steps": 6},
    },
    "request-timeout": 15,
}
RUN_SECONDS = 420
STATEFUL = hypothesis.settings(
    max_examples=40,
    stateful_step_count=6,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)


@pytest.fixture(scope="module")
def contract_seller(fleet: Fleet, mailbox: Mailbox) -> Seller:
    """The member schemathesis acts as: verified, a seller, with one active gig."""
    return make_seller(fleet, mailbox, "contract", title="I will test your API against its document")


@pytest.fixture(scope="module")
def api_schema(fleet: Fleet) -> schemathesis.BaseSchema:
    """The gateway's merged document, as schemathesis reads it."""
    return schemathesis.openapi.from_url(
        f"{fleet.gateway_url}/api/schema", config=schemathesis.Config.from_dict(CONFIG)
    )


@pytest.fixture(scope="module")
def signed_in(fleet: Fleet, contract_seller: Seller) -> Callable[[schemathesis.Case], dict[str, str]]:
    """The headers that sign a generated request in as the contract seller.

    Signing out revokes the token it was sent with, so each generated sign-out gets a
    token of its own (another member's) and the seller's token stays valid for the run.
    """

    spare = [sign_up(fleet, "signout")]

    def sign_out_token() -> str:
        """A new access token of the spare member (its browser refreshes); a new member once that fails."""
        refreshed = spare[0].browser.post("/api/v1/auth/refresh")
        if refreshed.status_code == 200:
            return str(refreshed.json()["access"])
        spare[0] = sign_up(fleet, "signout")
        return spare[0].access

    def headers_for(case: schemathesis.Case) -> dict[str, str]:
        token = sign_out_token() if case.operation.path == SIGNOUT else contract_seller.member.access
        return {"Authorization": f"Bearer {token}"}

    return headers_for


def failure_of(case: schemathesis.Case, response: schemathesis.Response, code: str) -> Failure:
    """The failure ``code`` of ``case``, with what the service answered."""
    answer, fields = error_of(response)
    return Failure(case.operation.label, code, answer, fields, case.media_type)


def error_of(response: schemathesis.Response) -> tuple[str | None, frozenset[str]]:
    """The ``code`` of an error body and the fields it names; (None, no fields) for any other answer."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return None, frozenset()
    if not isinstance(body, dict):
        return None, frozenset()
    fields = body.get("fields")
    return body.get("code"), frozenset(fields) if isinstance(fields, dict) else frozenset()


def validate(case: schemathesis.Case, response: schemathesis.Response, **kwargs: Any) -> None:
    """Every check on ``response``; the failures :mod:`contract_exceptions` allows are dropped.

    ``headers`` (in ``kwargs``) are those the request was sent with beside the case's own:
    the ``ignored_auth`` check sends the request again without them, then with a broken token.
    """
    __tracebackhide__ = True
    try:
        case.validate_response(response, **kwargs)
    except FailureGroup as group:
        left = [found for found in group.exceptions if not is_allowed(failure_of(case, response, found.code))]
        if left:
            raise FailureGroup(left, group.message) from None


contract = schemathesis.pytest.from_fixture("api_schema")


# Every operation is one subtest of this one test: the whole run is bounded here, fleet start included.
@pytest.mark.timeout(RUN_SECONDS)
@contract.parametrize()
@hypothesis.settings(derandomize=True, database=None, deadline=None)
def test_every_operation_answers_as_the_document_says(
    case: schemathesis.Case, signed_in: Callable[[schemathesis.Case], dict[str, str]]
) -> None:
    headers = signed_in(case)
    validate(case, case.call(headers=headers), headers=headers)


@pytest.mark.timeout(RUN_SECONDS)
def test_every_sequence_of_linked_operations_answers_as_the_document_says(
    api_schema: schemathesis.BaseSchema, signed_in: Callable[[schemathesis.Case], dict[str, str]]
) -> None:
    class Workflow(api_schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"headers": signed_in(case)}

        def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
            __tracebackhide__ = True
            headers = kwargs.get("headers")
            validate(case, response, headers=headers, transport_kwargs=kwargs or None, recorder=self.recorder)

    Workflow.run(settings=STATEFUL)


def test_every_error_of_the_document_is_the_one_error_body(fleet: Fleet) -> None:
    with fleet.client() as client:
        document = client.get("/api/schema").json()

    bodies = {
        f"{method.upper()} {path} {status}": response["content"]["application/json"]["schema"]
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        for status, response in operation["responses"].items()
        if status.startswith(("4", "5")) and "content" in response and path.startswith("/api/v1/")
    }
    assert bodies
    assert {where: body for where, body in bodies.items() if body != {"$ref": "#/components/schemas/ErrorOutput"}} == {}
    assert [name for name in document["components"]["schemas"] if name.endswith("ErrorOutput")] == ["ErrorOutput"]
