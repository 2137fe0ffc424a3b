"""The schema the gateway reads documents the buyers and sellers endpoints."""

import json

import pytest

pytestmark = pytest.mark.django_db


def schema(api_client) -> dict:
    return json.loads(api_client.get("/schema").content)


def test_the_schema_documents_every_buyers_endpoint(api_client):
    paths = {path for path in schema(api_client)["paths"] if path.startswith("/api/v1/buyers/")}

    assert paths == {
        "/api/v1/buyers/me",
        "/api/v1/buyers/me/avatar",
        "/api/v1/buyers/{username}",
        "/api/v1/buyers/{username}/avatar",
    }


def test_the_schema_documents_every_sellers_endpoint(api_client):
    paths = schema(api_client)["paths"]

    assert {path for path in paths if path.startswith("/api/v1/sellers")} == {
        "/api/v1/sellers",
        "/api/v1/sellers/me",
        "/api/v1/sellers/me/earnings",
        "/api/v1/sellers/random",
        "/api/v1/sellers/{username}",
    }
    assert set(paths["/api/v1/sellers/me"]) == {"get", "patch"}


def test_the_schema_documents_the_avatar_upload_as_multipart(api_client):
    avatar = schema(api_client)["paths"]["/api/v1/buyers/me/avatar"]

    assert set(avatar) == {"put", "delete"}
    assert list(avatar["put"]["requestBody"]["content"]) == ["multipart/form-data"]


def test_the_schema_says_a_pending_profile_comes_with_retry_after(api_client):
    pending = schema(api_client)["paths"]["/api/v1/buyers/me"]["get"]["responses"]["404"]

    assert list(pending["headers"]) == ["Retry-After"]


def test_unknown_paths_answer_json_404(api_client):
    response = api_client.get("/api/v1/nope")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Not found."}
