"""The gateway writes its own answers into every operation of the merged OpenAPI document."""

from __future__ import annotations

from common.api.schema import ERROR_REF
from gateway_project.proxy.contract import add_gateway_answers

JSON = {"application/json": {"schema": {"$ref": "#/components/schemas/ThingRequest"}}}
MULTIPART = {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/ThingRequest"}}}


def operation(*statuses: str, body: bool = False) -> dict:
    described = {"responses": {status: {"description": f"the service's {status}"} for status in statuses}}
    if body:
        described["requestBody"] = {"content": {**JSON, **MULTIPART}}
    return described


def test_a_protected_operation_with_a_body_documents_every_answer_of_the_gateway():
    paths = {"/api/v1/orders/{order_id}/cancel": {"post": operation("200", "409", body=True)}}

    add_gateway_answers(paths)

    cancel = paths["/api/v1/orders/{order_id}/cancel"]["post"]
    assert list(cancel["responses"]) == ["200", "400", "401", "403", "409", "413", "415", "429", "502", "503", "504"]
    assert cancel["responses"]["403"]["description"].startswith("`csrf_failed`")
    assert cancel["responses"]["429"]["content"]["application/json"]["schema"] == {"$ref": ERROR_REF}


def test_the_services_own_description_of_a_status_is_kept():
    paths = {"/api/v1/orders/{order_id}/cancel": {"post": operation("200", "400", body=True)}}

    add_gateway_answers(paths)

    assert paths["/api/v1/orders/{order_id}/cancel"]["post"]["responses"]["400"] == {"description": "the service's 400"}


def test_a_public_read_has_no_csrf_and_no_body_answers_but_a_bad_token_is_still_401():
    paths = {"/api/v1/gigs/{gig_id}": {"get": operation("200", "404")}}

    add_gateway_answers(paths)

    assert list(paths["/api/v1/gigs/{gig_id}"]["get"]["responses"]) == ["200", "401", "404", "429", "502", "503", "504"]


def test_a_route_that_never_reads_a_token_documents_no_401():
    paths = {"/api/v1/auth/signup": {"post": operation("201", "400", body=True)}}

    add_gateway_answers(paths)

    assert "401" not in paths["/api/v1/auth/signup"]["post"]["responses"]


def test_multipart_is_documented_only_where_the_gateway_takes_uploads():
    paths = {
        "/api/v1/reviews": {"post": operation("201", body=True)},
        "/api/v1/orders/{order_id}/deliver": {"post": operation("200", body=True)},
    }

    add_gateway_answers(paths)

    assert list(paths["/api/v1/reviews"]["post"]["requestBody"]["content"]) == ["application/json"]
    deliver = paths["/api/v1/orders/{order_id}/deliver"]["post"]["requestBody"]["content"]
    assert list(deliver) == ["application/json", "multipart/form-data"]


def test_what_the_gateway_answers_itself_has_no_upstream_failures_and_its_own_views_are_left_alone():
    paths = {"/api/v1/realtime/ticket": {"post": operation("200")}, "/health": {"get": operation("200")}}

    add_gateway_answers(paths)

    assert list(paths["/api/v1/realtime/ticket"]["post"]["responses"]) == [
        "200",
        "400",
        "401",
        "403",
        "413",
        "415",
        "429",
    ]
    assert list(paths["/health"]["get"]["responses"]) == ["200"]
