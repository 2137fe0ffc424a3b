"""The shared edge refuses hostile input cleanly, and never answers an API client with HTML."""

import json

import pytest

from common.testing.hostile import BEYOND_BIGINT, HUGE, NUL, Case, check

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "case",
    [
        Case("GET", "/items/1/%00", status=404),
        Case("GET", "/items/1/a%00b", status=404),
        Case("GET", f"/items/{BEYOND_BIGINT}/a%00", status=404),
        Case("GET", "/numbers?page=%00", field="page"),
        Case("GET", "/numbers?q=a%00", field="q"),
        Case("GET", "/numbers?%00=1", field="\\u0000"),
        Case("GET", f"/numbers?page={HUGE}", field="page"),
        Case("GET", "/numbers?page=1e400", field="page"),
        Case("GET", "/numbers?page=0", field="page"),
        Case("GET", "/numbers?page=-1", field="page"),
        Case("GET", "/numbers?page=two", field="page"),
        Case("GET", "/numbers?page=4", status=404, name="a page beyond the last"),
        Case("POST", "/echo", body={"name": "a" + NUL}, field="name"),
        Case("POST", "/echo-any", body={"tags": ["ok", "n" + NUL]}, field="tags"),
        Case("POST", "/echo-any", body={"links": {"we" + NUL + "b": "x"}}, field="links"),
        Case("POST", "/echo-any", body={"a" + NUL: 1}, field="a\\u0000"),
        Case("POST", "/echo-any", body=["a" + NUL], field="non_field_errors"),
        Case("POST", "/echo", body={"name": "a\ud800"}, field="name"),
        Case("POST", "/echo", body={"a\ud800": "x", "name": "x"}, field="a\\ud800"),
        Case("POST", "/echo-any", body={"tags": ["\udfff"]}, field="tags"),
        Case("POST", "/echo-any", form={"name": "a" + NUL}, field="name"),
        Case("POST", "/echo-any", form={"n" + NUL: "a"}, field="n\\u0000"),
    ],
    ids=lambda case: case.id,
)
def test_hostile_input_is_refused_naming_the_field_or_not_found(api_client, case):
    check(api_client, case)


def test_a_page_within_bounds_and_the_last_page_are_served(api_client):
    assert api_client.get("/numbers?page=3").json()["results"] == [41, 42, 43, 44, 45]
    assert api_client.get("/numbers?page=last").json()["results"] == [41, 42, 43, 44, 45]
    assert api_client.get("/numbers?page_size=1000000000000000000000").json()["results"][-1] == 45


def test_clean_bodies_still_pass(api_client):
    response = api_client.post("/echo-any", {"tags": ["ok"], "links": {"web": "x"}}, format="json")

    assert response.status_code == 200
    assert response.json() == {"received": ["links", "tags"]}


@pytest.mark.parametrize("path", ["/fails", "/plain-fails"])
def test_an_unexpected_error_under_debug_is_the_json_500_not_the_debug_page(api_client, settings, path):
    settings.DEBUG = True
    api_client.raise_request_exception = False

    response = api_client.get(path)

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"code": "server_error", "detail": "Internal server error."}


def test_an_unknown_path_under_debug_is_the_json_404_not_the_debug_page(api_client, settings):
    settings.DEBUG = True

    response = api_client.get("/no/such/path")

    assert response.status_code == 404
    assert json.loads(response.content) == {"code": "not_found", "detail": "Not found."}


@pytest.mark.parametrize("method", ["TRACE", "PUT", "POST", "DELETE", "OPTIONS"])
def test_an_undeclared_method_on_health_is_a_405_with_allow(client, method):
    response = client.generic(method, "/health")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert json.loads(response.content) == {"code": "method_not_allowed", "detail": "Method not allowed."}


def test_an_undeclared_method_on_an_api_view_is_a_405_with_allow(api_client):
    response = api_client.generic("TRACE", "/echo")

    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"POST", "OPTIONS"}
    assert response.json() == {"code": "method_not_allowed", "detail": 'Method "TRACE" not allowed.'}


@pytest.mark.parametrize("debug", [False, True])
def test_too_many_query_parameters_are_a_json_400_even_under_debug(api_client, settings, debug):
    settings.DEBUG = debug
    api_client.raise_request_exception = False
    query = "&".join(f"p{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    response = api_client.get(f"/numbers?{query}")

    assert response.status_code == 400
    assert json.loads(response.content) == {"code": "bad_request", "detail": "Too many query parameters."}
