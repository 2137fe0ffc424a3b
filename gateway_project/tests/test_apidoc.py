"""The API reference's rendering: one table per tag, a row per operation, bounds and enums shown."""

from gateway_project.apidoc import render

DOCUMENT = {
    "paths": {
        "/api/v1/gigs": {
            "get": {
                "tags": ["gigs"],
                "summary": "Search active gigs",
                "parameters": [
                    {"in": "query", "name": "page", "schema": {"type": "integer", "minimum": 1, "maximum": 1000000}},
                    {"in": "query", "name": "sort", "schema": {"type": "string", "enum": ["price", "-price"]}},
                    {"in": "header", "name": "X-Request-ID", "schema": {"type": "string"}},
                ],
                "responses": {"200": {}, "400": {}, "429": {}},
            },
            "post": {"tags": ["gigs"], "operationId": "gigs_create", "responses": {"201": {}}},
        },
        "/health": {"get": {"summary": "Gateway | liveness", "responses": {"200": {}}}},
    }
}


def test_each_tag_gets_a_table_with_a_row_per_operation():
    text = render(DOCUMENT)

    assert "## gigs\n\n| method | path | what | parameters | answers |" in text
    assert (
        "| GET | `/api/v1/gigs` | Search active gigs | `page` (query, 1–1000000), `sort` (query: price\\|-price) | 200 400 429 |"
        in text
    )
    assert "| POST | `/api/v1/gigs` | gigs_create | — | 201 |" in text


def test_an_operation_without_a_tag_is_listed_under_other_and_its_pipes_are_escaped():
    text = render(DOCUMENT)

    assert "## other" in text
    assert "| GET | `/health` | Gateway \\| liveness | — | 200 |" in text
