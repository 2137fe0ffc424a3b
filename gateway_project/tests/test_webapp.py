"""The gateway serves the built front end at ``/`` without shadowing the API, real time or health."""

import pytest

pytestmark = pytest.mark.anyio

INDEX = b"<!doctype html><title>Bazaar</title><script src=/assets/index-abc123.js></script>"


@pytest.fixture
def built(web_build):
    """A built front end: index.html, one hashed asset and a favicon."""
    (web_build / "assets").mkdir(parents=True)
    (web_build / "index.html").write_bytes(INDEX)
    (web_build / "assets" / "index-abc123.js").write_bytes(b"console.log('bazaar')")
    (web_build / "favicon.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    return web_build


async def test_the_home_page_is_index_html_revalidated_on_every_load(gateway, built):
    response = await gateway.get("/")

    assert response.status_code == 200
    assert response.content == INDEX
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("page", ["/signin", "/gigs/42", "/orders/0b7e/", "/inbox/7?x=1"])
async def test_a_client_route_is_answered_with_index_html(gateway, built, page):
    response = await gateway.get(page)

    assert response.status_code == 200
    assert response.content == INDEX


async def test_hashed_assets_are_cached_for_a_year(gateway, built):
    response = await gateway.get("/assets/index-abc123.js")

    assert response.status_code == 200
    assert response.content == b"console.log('bazaar')"
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_other_built_files_are_served_but_revalidated(gateway, built):
    response = await gateway.get("/favicon.svg")

    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"


async def test_a_missing_asset_is_a_json_404_never_the_page(gateway, built):
    response = await gateway.get("/assets/index-gone.js")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


async def test_head_answers_the_headers_without_the_body(gateway, built):
    response = await gateway.head("/signin")

    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["content-length"] == str(len(INDEX))


@pytest.mark.parametrize("escape", ["/../settings.py", "/assets/../../asgi.py", "/%2e%2e/asgi.py"])
async def test_no_file_outside_the_build_is_served(gateway, built, escape):
    response = await gateway.get(escape)

    assert b"import" not in response.content


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/health", 200),
        ("/api/docs", 200),
        ("/api/v1/auth/me", 401),
        ("/api/v1/no-such-thing", 404),
        ("/admin/", 404),
        ("/socket.io/?transport=nonsense", 400),
        ("/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png", 200),
    ],
)
async def test_the_pages_never_shadow_the_api_real_time_static_health_or_admin_paths(gateway, built, path, status):
    response = await gateway.get(path)

    assert response.status_code == status
    assert response.content != INDEX


async def test_an_unsafe_request_to_a_page_is_not_answered_with_the_page(gateway, built):
    response = await gateway.post("/signin", content=b"{}", headers={"Content-Type": "application/json"})

    assert response.status_code in (403, 404, 405)
    assert response.content != INDEX


async def test_without_a_build_unknown_paths_stay_json_404s(gateway):
    response = await gateway.get("/signin")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
