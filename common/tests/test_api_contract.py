"""What the shared code of every service writes into its OpenAPI document, and the errors it answers."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from rest_framework import exceptions

from common.api.errors import InvalidInput
from common.api.handler import exception_handler
from common.api.pagination import page_size_of
from common.api.schema import NO_NUL, NOT_BLANK, complete_document, decimal_pattern


def document(parameters: list[dict], components: dict | None = None) -> dict:
    return {
        "paths": {"/api/v1/things": {"get": {"parameters": parameters, "responses": {"200": {}}}}},
        "components": {"schemas": components or {}},
    }


def test_a_paginated_list_documents_its_bounds_its_404_and_its_400():
    page = {"name": "page", "in": "query", "schema": {"type": "integer"}}
    size = {"name": "page_size", "in": "query", "schema": {"type": "integer"}}

    result = complete_document(document([page, size]), None, None, True)

    get = result["paths"]["/api/v1/things"]["get"]
    assert [p["schema"]["minimum"] for p in get["parameters"]] == [1, 1]
    assert get["parameters"][0]["schema"]["maximum"] == 1_000_000
    assert sorted(get["responses"]) == ["200", "400", "404"]
    assert get["responses"]["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOutput"
    }


def test_an_optional_query_parameter_may_be_empty_and_a_required_one_may_not():
    optional = {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["price"]}}
    required = {"name": "category", "in": "query", "required": True, "schema": {"type": "string"}}

    complete_document(document([optional, required]), None, None, True)

    assert optional["allowEmptyValue"] is True
    assert "allowEmptyValue" not in required


def test_free_text_of_a_request_refuses_nul_and_blank_text_where_some_is_required():
    component = {
        "type": "object",
        "properties": {
            "title": {"type": "string", "minLength": 1},
            "note": {"type": "string"},
            "code": {"type": "string", "pattern": "^[0-9]{6}$"},
            "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
        },
    }

    complete_document(document([], {"ThingRequest": component}), None, None, True)

    patterns = {name: field.get("pattern") for name, field in component["properties"].items()}
    assert patterns == {"title": NOT_BLANK, "note": NO_NUL, "code": "^[0-9]{6}$", "tags": None}
    assert component["properties"]["tags"]["items"]["pattern"] == NOT_BLANK
    assert [text for text in ("a", " a ", "  ", "\u3000", "a\x00", "") if re.search(NOT_BLANK, text)] == ["a", " a "]


def test_a_multipart_body_keeps_its_files_and_the_json_one_has_none():
    component = {
        "type": "object",
        "properties": {"message": {"type": "string"}, "files": {"type": "array", "items": {"format": "binary"}}},
        "required": ["message", "files"],
    }
    body = {"$ref": "#/components/schemas/DeliverRequest"}
    result = {
        "paths": {
            "/api/v1/deliver": {
                "post": {
                    "requestBody": {
                        "content": {"multipart/form-data": {"schema": body}, "application/json": {"schema": dict(body)}}
                    },
                    "responses": {},
                }
            }
        },
        "components": {"schemas": {"DeliverRequest": component}},
    }

    complete_document(result, None, None, True)

    content = result["paths"]["/api/v1/deliver"]["post"]["requestBody"]["content"]
    assert content["multipart/form-data"]["schema"] == {"$ref": "#/components/schemas/DeliverRequest"}
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/DeliverJsonRequest"}
    json_body = result["components"]["schemas"]["DeliverJsonRequest"]
    assert (list(json_body["properties"]), json_body["required"]) == (["message"], ["message"])
    assert component["properties"]["files"]["items"]["minLength"] == 1


@pytest.mark.parametrize(
    ("minimum", "accepted", "refused"),
    [
        (None, ["0", "-12.5", "12345678.99"], ["", "-", ".", "1.234", "123456789", "05"]),
        (Decimal("0"), ["0", "0.5", "99999999"], ["-1", "", "1.234"]),
        (Decimal("5.00"), ["5", "5.01", "6", "10", "120.00"], ["4.99", "0", "-5", ""]),
    ],
)
def test_a_decimal_input_admits_exactly_its_digits_and_its_minimum(minimum, accepted, refused):
    pattern = re.compile(decimal_pattern(10, 2, minimum))

    assert [text for text in accepted if not pattern.search(text)] == []
    assert [text for text in refused if pattern.search(text)] == []


def test_page_size_is_capped_at_the_maximum_and_empty_is_the_default():
    assert [page_size_of(raw, 20, 100) for raw in (None, "", "1", "100", "500")] == [20, 20, 1, 100, 100]


@pytest.mark.parametrize("raw", ["0", "-1", "abc", "1.5", "١٢"])
def test_a_page_size_that_is_not_a_whole_number_of_at_least_one_is_a_400_naming_it(raw):
    with pytest.raises(InvalidInput) as refused:
        page_size_of(raw, 20, 100)

    assert refused.value.fields == {"page_size": [refused.value.fields["page_size"][0]]}


def test_errors_of_nested_fields_say_where_they_belong_in_the_one_flat_error_body():
    nested = exceptions.ValidationError(
        {"tags": {"6": ["Null characters are not allowed."]}, "languages": [{}, {"level": ["Not a choice."]}]}
    )

    body = exception_handler(nested, {}).data

    assert body["fields"] == {"tags": ["6: Null characters are not allowed."], "languages": ["1.level: Not a choice."]}
    assert body["detail"] == "Invalid input: tags, languages."
