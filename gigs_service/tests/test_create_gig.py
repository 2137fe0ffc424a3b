"""``POST /api/v1/gigs``: a seller creates a gig, with or without a cover image."""

from decimal import Decimal

import pytest

from common.events.catalog.gigs import GigCreated
from gigs_service.gigs.models import Gig
from gigs_service.tests.conftest import published_types, send_json, stored_files
from gigs_service.tests.factories import image_bytes, upload

pytestmark = pytest.mark.django_db

URL = "/api/v1/gigs"
LOGO = {
    "title": "I will design a minimalist logo",
    "description": "Three concepts, unlimited revisions.",
    "category": "Graphics & Design",
    "sub_categories": ["Logo Design"],
    "tags": ["logo", "Branding", "logo"],
    "price": "49.99",
    "expected_delivery_days": 3,
    "basic_title": "Basic",
    "basic_description": "One concept",
}


def create(client, body=LOGO):
    return send_json(client, "POST", URL, body)


def test_a_seller_creates_an_active_gig_and_gets_it_back(api_client_as, bob):
    response = create(api_client_as("bob"))

    assert response.status_code == 201
    body = response.json()
    gig = Gig.objects.get()
    assert body["id"] == gig.pk
    assert {key: body[key] for key in LOGO} == {**LOGO, "tags": ["logo", "branding"]}
    assert (body["active"], body["cover_image_url"], body["ratings_count"], body["rating_average"]) == (
        True,
        None,
        0,
        "0.00",
    )
    assert body["rating_breakdown"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}
    assert body["seller"] == {
        "id": 1002,
        "username": "bob",
        "full_name": "Bob Builder",
        "one_liner": "Logos",
        "country": "Peru",
        "rating_average": "0.00",
        "ratings_count": 0,
    }
    assert gig.price == Decimal("49.99")


def test_creating_a_gig_publishes_its_whole_state(api_client_as, events, bob):
    create(api_client_as("bob"))

    gig = Gig.objects.get()
    [event] = events.published(GigCreated)
    assert event.model_dump(exclude={"changed_at"}) == {
        "gig_id": gig.pk,
        "seller_id": 1002,
        "seller_username": "bob",
        "title": LOGO["title"],
        "category": "Graphics & Design",
        "price": Decimal("49.99"),
        "expected_delivery_days": 3,
        "active": True,
        "cover_image_url": "",
    }
    assert event.changed_at == gig.updated_at


def test_only_the_required_fields_are_needed(api_client_as, bob):
    required = {key: LOGO[key] for key in ("title", "description", "category", "price", "expected_delivery_days")}

    response = create(api_client_as("bob"), required)

    assert response.status_code == 201
    assert (response.json()["tags"], response.json()["sub_categories"], response.json()["basic_title"]) == ([], [], "")


def test_a_multipart_request_uploads_the_cover_and_links_it_through_the_gateway(api_client_as, bob, media_root):
    form = {**LOGO, "cover_image": upload("JPEG", name="my photo.png")}

    response = api_client_as("bob").post(URL, form, format="multipart")

    assert response.status_code == 201
    [stored] = stored_files(media_root)
    assert stored.startswith("gigs/covers/") and stored.endswith(".jpg")
    assert response.json()["cover_image_url"] == f"https://bazaar.test/api/v1/media/{stored}"
    assert response.json()["tags"] == ["logo", "branding"]
    assert Gig.objects.get().cover_image.name == stored


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_covers_are_accepted(api_client_as, bob, image_format):
    response = api_client_as("bob").post(URL, {**LOGO, "cover_image": upload(image_format)}, format="multipart")

    assert response.status_code == 201


def test_the_event_carries_the_cover_url(api_client_as, events, bob):
    api_client_as("bob").post(URL, {**LOGO, "cover_image": upload()}, format="multipart")

    [event] = events.published(GigCreated)
    assert event.cover_image_url.startswith("https://bazaar.test/api/v1/media/gigs/covers/")


def test_the_seller_replica_decides_not_the_token(api_client_as, token_for):
    # Alice's token says she is no seller, but users already told gigs she became one.
    from gigs_service.tests.factories import SellerFactory

    SellerFactory(user_id=1001, username="alice")

    assert create(api_client_as("alice")).status_code == 201


def test_a_seller_claim_without_a_replica_is_refused(api_client_as, events):
    # Bob's token says seller, but users.seller.created has not reached gigs yet.
    response = create(api_client_as("bob"))

    assert response.status_code == 403
    assert response.json()["code"] == "seller_profile_required"
    assert Gig.objects.count() == 0
    assert published_types() == []


def test_a_buyer_is_refused_even_with_a_bad_body(api_client_as):
    response = create(api_client_as("alice"), {"title": ""})

    assert response.status_code == 403
    assert response.json()["code"] == "seller_profile_required"


def test_an_anonymous_request_is_refused(api_client, bob):
    response = create(api_client)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(token_for, bob):
    from common.testing.client import GatewayClient

    response = create(GatewayClient(token=token_for("bob"), signed=False))

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert Gig.objects.count() == 0


INVALID = [
    ("title", ""),
    ("title", "x" * 121),
    ("description", ""),
    ("description", "x" * 5001),
    ("category", "Cooking"),
    ("sub_categories", ["x" * 51]),
    ("sub_categories", [f"s{n}" for n in range(11)]),
    ("tags", ["x" * 31]),
    ("tags", [f"t{n}" for n in range(11)]),
    ("tags", "logo"),
    ("price", "4.99"),
    ("price", "10.001"),
    ("price", "free"),
    ("price", "100000000.00"),
    ("expected_delivery_days", 0),
    ("expected_delivery_days", 366),
    ("expected_delivery_days", "soon"),
    ("basic_title", "x" * 81),
    ("basic_description", "x" * 501),
    ("cover_image", "https://example.com/cover.png"),
    ("owner", 1003),
]


@pytest.mark.parametrize(("field", "value"), INVALID)
def test_an_invalid_field_is_named_and_nothing_is_written_or_published(api_client_as, bob, field, value):
    response = create(api_client_as("bob"), {**LOGO, field: value})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [field]
    assert Gig.objects.count() == 0
    assert published_types() == []


@pytest.mark.parametrize("field", ["title", "description", "category", "price", "expected_delivery_days"])
def test_a_missing_required_field_is_named(api_client_as, bob, field):
    body = {key: value for key, value in LOGO.items() if key != field}

    response = create(api_client_as("bob"), body)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert Gig.objects.count() == 0


def test_a_price_is_exact_never_rounded_through_a_float(api_client_as, bob):
    response = create(api_client_as("bob"), {**LOGO, "price": "5.10"})

    assert response.json()["price"] == "5.10"
    assert Gig.objects.get().price == Decimal("5.10")


def test_a_gif_is_an_unsupported_image_type(api_client_as, bob, media_root):
    response = api_client_as("bob").post(URL, {**LOGO, "cover_image": upload("GIF")}, format="multipart")

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_image_type"
    assert (Gig.objects.count(), published_types(), stored_files(media_root)) == (0, [], [])


def test_a_file_that_is_not_an_image_is_an_unsupported_image_type(api_client_as, bob, media_root):
    fake = upload(name="cover.png", content=b"<html><script>alert(1)</script></html>")

    response = api_client_as("bob").post(URL, {**LOGO, "cover_image": fake}, format="multipart")

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_image_type"
    assert (Gig.objects.count(), stored_files(media_root)) == (0, [])


def test_a_truncated_image_is_an_unsupported_image_type(api_client_as, bob, media_root):
    broken = upload(content=image_bytes("PNG", size=(400, 400))[:200])

    response = api_client_as("bob").post(URL, {**LOGO, "cover_image": broken}, format="multipart")

    assert response.status_code == 415
    assert stored_files(media_root) == []


def test_a_file_larger_than_the_limit_is_refused(api_client_as, bob, media_root, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    big = upload("PNG", size=(400, 400))

    response = api_client_as("bob").post(URL, {**LOGO, "cover_image": big}, format="multipart")

    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"
    assert (Gig.objects.count(), published_types(), stored_files(media_root)) == (0, [], [])


def test_an_image_of_absurd_dimensions_is_refused(api_client_as, bob, media_root):
    wide = upload("PNG", size=(6001, 10))

    response = api_client_as("bob").post(URL, {**LOGO, "cover_image": wide}, format="multipart")

    assert response.status_code == 400
    assert response.json()["code"] == "image_dimensions_too_large"
    assert list(response.json()["fields"]) == ["cover_image"]
    assert (Gig.objects.count(), stored_files(media_root)) == (0, [])


def test_an_invalid_field_in_a_multipart_request_stores_no_file(api_client_as, bob, media_root):
    form = {**LOGO, "price": "1.00", "cover_image": upload()}

    response = api_client_as("bob").post(URL, form, format="multipart")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["price"]
    assert stored_files(media_root) == []


def test_a_failure_after_storing_the_cover_removes_it(api_client_as, bob, media_root, monkeypatch):
    from gigs_service.gigs import search

    def broken_index(gig):
        raise RuntimeError("index down")

    monkeypatch.setattr(search, "gig_changed", broken_index)
    client = api_client_as("bob")
    client.raise_request_exception = False

    response = client.post(URL, {**LOGO, "cover_image": upload()}, format="multipart")

    assert response.status_code == 500
    assert (Gig.objects.count(), published_types(), stored_files(media_root)) == (0, [], [])
