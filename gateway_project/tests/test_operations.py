import pytest

pytestmark = pytest.mark.anyio


async def test_liveness_calls_nothing(gateway, upstream):
    response = await gateway.get("/health")

    assert response.status_code == 200
    assert response.json() == {"service": "gateway", "status": "ok"}
    assert upstream.requests == []


async def test_readiness_names_the_service_that_is_down(gateway, upstream):
    response = await gateway.get("/health/ready")

    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["chat"]
    assert body["checks"]["redis"] == "ok" and body["checks"]["auth"] == "ok"


async def test_readiness_is_200_when_everything_answers(gateway, upstream, configure):
    configure(service_urls=upstream.urls)

    response = await gateway.get("/health/ready")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


async def test_schema_merges_every_service_and_names_the_missing_one(gateway, upstream):
    response = await gateway.get("/api/schema")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["x-missing-services"] == ["chat"]
    for service in ("auth", "users", "gigs", "orders", "reviews", "notifications"):
        assert f"/api/v1/{service}/things" in document["paths"]
    assert "/health/ready" in document["paths"]
    schemas = document["components"]["schemas"]
    assert schemas["Shared"] == {"type": "string"}
    # "Thing" differs per service: the clashing ones are renamed and their refs follow.
    gigs_ref = document["paths"]["/api/v1/gigs/things"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]["$ref"]
    assert schemas[gigs_ref.rsplit("/", 1)[1]]["title"] == "gigs"
    # The echo upstream refuses unsigned /schema requests: every fetch was signed.
    assert all(r.headers.get("x-gateway-signature") for r in upstream.seen("/schema"))


async def test_schema_is_cached_briefly(gateway, upstream, configure):
    configure(service_urls=upstream.urls)
    await gateway.get("/api/schema")
    await gateway.get("/api/schema")

    assert len(upstream.seen("/schema")) == 6


async def test_docs_are_self_hosted_swagger_ui(gateway):
    response = await gateway.get("/api/docs")

    assert response.status_code == 200
    html = response.text
    assert "/api/schema" in html
    assert "cdn" not in html.lower()
    asset = html.split('src="', 1)[1].split('"', 1)[0]
    assert asset.startswith("/static/")
    assert (await gateway.get(asset)).status_code == 200
