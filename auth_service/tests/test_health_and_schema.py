import json


def test_health_reports_ready(client):
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"service": "auth", "status": "ok", "checks": {"database": "ok"}}


def test_schema_documents_every_auth_endpoint(api_client):
    schema = json.loads(api_client.get("/schema").content)

    paths = {path for path in schema["paths"] if path.startswith("/api/v1/auth/")}
    assert paths == {
        f"/api/v1/auth/{name}"
        for name in [
            "signup",
            "signin",
            "verify-otp",
            "signout",
            "refresh",
            "me",
            "verify-email",
            "resend-verification",
            "forgot-password",
            "reset-password",
            "change-password",
            "change-email",
            "confirm-email-change",
            "delete-account",
        ]
    }
    assert "202" in schema["paths"]["/api/v1/auth/signin"]["post"]["responses"]


def test_unknown_paths_answer_json_404(api_client):
    response = api_client.get("/api/v1/auth/nope")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
