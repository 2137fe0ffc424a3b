import pytest

pytestmark = pytest.mark.anyio


async def test_a_declared_oversized_body_is_413_before_forwarding(gateway, upstream, configure):
    configure(max_body_bytes=1000)

    response = await gateway.post(
        "/api/v1/auth/signup", content=b"{" + b" " * 2000 + b"}", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert upstream.requests == []


async def test_an_oversized_body_without_content_length_is_413(gateway, upstream, configure):
    configure(max_body_bytes=1000)

    async def chunks():
        for _ in range(5):
            yield b" " * 400

    response = await gateway.post("/api/v1/auth/signup", content=chunks(), headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert upstream.requests == []


async def test_a_20_mb_body_is_refused(gateway, upstream):
    response = await gateway.post(
        "/api/v1/auth/signup", content=b"a" * (20 * 1024 * 1024), headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 413
    assert upstream.requests == []


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/api/v1/auth/signup", "text/plain"),
        ("/api/v1/auth/signup", "application/x-www-form-urlencoded"),
        ("/api/v1/auth/signup", "multipart/form-data; boundary=x"),
        ("/api/v1/orders/1/approve", "application/xml"),
    ],
)
async def test_non_json_bodies_on_json_routes_are_415(gateway, upstream, token_for, path, content_type):
    response = await gateway.post(
        path, content=b"a=1", headers={"Content-Type": content_type, "Authorization": f"Bearer {token_for('alice')}"}
    )

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    assert upstream.requests == []


async def test_a_body_without_content_type_is_415(gateway, upstream):
    response = await gateway.post("/api/v1/auth/signup", content=b"a=1", headers={"Content-Type": ""})

    assert response.status_code == 415
    assert upstream.requests == []


async def test_bodiless_posts_and_json_variants_pass(gateway, upstream, token_for):
    auth = {"Authorization": f"Bearer {token_for('alice')}"}
    empty = await gateway.post("/api/v1/orders/1/approve", headers=auth)
    problem = await gateway.post(
        "/api/v1/orders/1/approve", content=b"{}", headers={**auth, "Content-Type": "application/merge-patch+json"}
    )

    assert empty.status_code == 200 and problem.status_code == 200
