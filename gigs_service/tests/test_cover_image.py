"""``GET /api/v1/media/gigs/covers/<name>``: a local cover image streamed from the storage, cached for good."""

import pytest

from gigs_service.gigs import images
from gigs_service.tests.factories import image_bytes, upload

pytestmark = pytest.mark.django_db


def stored(image_format: str = "PNG") -> str:
    return images.store(images.check(upload(image_format, content=image_bytes(image_format))))


@pytest.mark.parametrize(("image_format", "content_type"), [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_anyone_gets_the_image_with_its_type_and_cache_headers(api_client, image_format, content_type):
    name = stored(image_format)

    response = api_client.get(f"/api/v1/media/{name}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == image_bytes(image_format)
    assert response["Content-Type"] == content_type
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_url_in_the_gig_json_is_where_the_image_is_served(api_client_as, bob):
    created = api_client_as("bob").post(
        "/api/v1/gigs",
        {
            "title": "Logo",
            "description": "A logo",
            "category": "Data",
            "price": "10.00",
            "expected_delivery_days": 2,
            "cover_image": upload(),
        },
        format="multipart",
    )
    path = created.json()["cover_image_url"].removeprefix("https://bazaar.test")

    assert api_client_as("alice").get(path).status_code == 200


@pytest.mark.parametrize(
    "name", ["0123456789abcdef0123456789abcdef.png", "settings.py", "..%2F..%2Fsecret.png", "x.gif"]
)
def test_a_name_that_is_not_a_stored_cover_is_a_404(api_client, name):
    response = api_client.get(f"/api/v1/media/gigs/covers/{name}")

    assert response.status_code == 404


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client):
    name = stored()

    assert unsigned_client.get(f"/api/v1/media/{name}").status_code == 401
