import json


def test_health_reports_ready_when_the_database_answers(client, db):
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"service": "reviews", "status": "ok", "checks": {"database": "ok"}}


def test_schema_refuses_a_request_that_did_not_come_through_the_gateway(unsigned_client, db):
    response = unsigned_client.get("/schema")

    assert response.status_code == 401
    assert json.loads(response.content)["code"] == "gateway_signature_missing"


def test_schema_answers_a_gateway_signed_request(api_client, db):
    response = api_client.get("/schema")

    assert response.status_code == 200
    assert json.loads(response.content)["openapi"].startswith("3.")
