"""The schema the gateway reads documents every gigs endpoint."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_documents_every_gigs_endpoint(api_client):
    paths = json.loads(api_client.get("/schema").content)["paths"]

    assert {path: sorted(paths[path]) for path in paths if path.startswith("/api/v1/")} == {
        "/api/v1/gigs": ["get", "post"],
        "/api/v1/gigs/top": ["get"],
        "/api/v1/gigs/{gig_id}": ["delete", "get", "patch"],
        "/api/v1/gigs/{gig_id}/similar": ["get"],
        "/api/v1/sellers/{username}/gigs": ["get"],
        "/api/v1/favourites": ["get"],
        "/api/v1/favourites/{gig_id}": ["delete", "put"],
        "/api/v1/categories": ["get"],
        "/api/v1/media/gigs/covers/{file_name}": ["get"],
    }


def test_creating_a_gig_accepts_json_and_multipart(api_client):
    post = json.loads(api_client.get("/schema").content)["paths"]["/api/v1/gigs"]["post"]

    assert sorted(post["requestBody"]["content"]) == ["application/json", "multipart/form-data"]
