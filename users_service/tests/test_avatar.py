"""``PUT``/``DELETE /api/v1/buyers/me/avatar``, ``GET /api/v1/buyers/{username}/avatar`` and the served picture."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from common.events.outbox.models import OutboxMessage
from users_service.profiles.models import BuyerProfile

pytestmark = pytest.mark.django_db

AVATAR = "/api/v1/buyers/me/avatar"
URL = re.compile(r"^https://bazaar\.test/api/v1/media/(users/avatars/[0-9a-f]{32}\.(png|jpg|webp))$")


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (32, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 80, 200)).save(buffer, format=image_format)
    return buffer.getvalue()


def put(client, content: bytes, name: str = "me.png"):
    return client.put(AVATAR, {"avatar": SimpleUploadedFile(name, content)}, format="multipart")


def stored_files(media_root) -> list[str]:
    return sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file())


def test_the_owner_sets_a_picture_and_every_profile_of_the_account_links_it(
    api_client_as, api_client, bob_seller, media_root
):
    response = put(api_client_as("bob"), image_bytes("JPEG"), name="photo.gif")

    assert response.status_code == 200
    url = response.json()["avatar_url"]
    [(name, extension)] = [URL.match(url).groups()]
    assert extension == "jpg"
    assert stored_files(media_root) == [name]
    assert api_client_as("alice").get("/api/v1/buyers/bob").json()["avatar_url"] == url
    assert api_client.get("/api/v1/sellers/bob").json()["avatar_url"] == url
    assert api_client_as("bob").get("/api/v1/sellers/me").json()["avatar_url"] == url
    assert api_client.get("/api/v1/sellers/random?size=5").json()[0]["avatar_url"] == url


def test_a_new_picture_replaces_the_old_file_once_committed(
    api_client_as, alice_profile, media_root, django_capture_on_commit_callbacks
):
    first = URL.match(put(api_client_as("alice"), image_bytes()).json()["avatar_url"]).group(1)

    with django_capture_on_commit_callbacks(execute=True):
        second = URL.match(put(api_client_as("alice"), image_bytes("WEBP")).json()["avatar_url"]).group(1)

    assert first != second
    assert stored_files(media_root) == [second]
    assert BuyerProfile.objects.get(username="alice").avatar.name == second


def test_removing_the_picture_clears_the_link_and_the_file(
    api_client_as, alice_profile, media_root, django_capture_on_commit_callbacks
):
    put(api_client_as("alice"), image_bytes())

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_as("alice").delete(AVATAR)

    assert response.status_code == 204
    assert stored_files(media_root) == []
    assert api_client_as("alice").get("/api/v1/buyers/me").json()["avatar_url"] is None


def test_removing_when_there_is_no_picture_changes_nothing(api_client_as, alice_profile):
    assert api_client_as("alice").delete(AVATAR).status_code == 204
    assert BuyerProfile.objects.get(username="alice").avatar.name == ""


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        (b"%PDF-1.7 not a picture", 415, "unsupported_image_type"),
        (image_bytes("GIF"), 415, "unsupported_image_type"),
        (image_bytes("PNG")[:40], 415, "unsupported_image_type"),
        (image_bytes("PNG", size=(6001, 2)), 400, "image_dimensions_too_large"),
    ],
    ids=["pdf", "gif", "truncated", "too-wide"],
)
def test_anything_but_a_sane_jpeg_png_or_webp_is_refused_naming_the_field_and_nothing_is_kept(
    api_client_as, alice_profile, media_root, content, status, code
):
    response = put(api_client_as("alice"), content)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert list(response.json()["fields"]) == ["avatar"]
    assert stored_files(media_root) == []
    assert BuyerProfile.objects.get(username="alice").avatar.name == ""


def test_a_picture_over_the_upload_limit_is_a_413(api_client_as, alice_profile, media_root, settings):
    settings.MAX_UPLOAD_BYTES = 100

    response = put(api_client_as("alice"), image_bytes(size=(64, 64)))

    assert (response.status_code, response.json()["code"]) == (413, "file_too_large")
    assert stored_files(media_root) == []


def test_a_request_without_the_file_is_a_400_naming_it(api_client_as, alice_profile):
    response = api_client_as("alice").put(AVATAR, {}, format="multipart")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["avatar"]


def test_before_the_profile_exists_the_picture_waits_and_nothing_is_kept(api_client_as, db, media_root):
    response = put(api_client_as("alice"), image_bytes())

    assert (response.status_code, response.json()["code"]) == (404, "buyer_profile_pending")
    assert stored_files(media_root) == []


def test_setting_a_picture_publishes_nothing(api_client_as, alice_profile):
    put(api_client_as("alice"), image_bytes())

    assert OutboxMessage.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "delete"])
def test_anonymous_and_unsigned_callers_get_a_401_and_nothing_changes(
    api_client, unsigned_client, alice_profile, media_root, method
):
    for client, code in [(api_client, "not_authenticated"), (unsigned_client, "gateway_signature_missing")]:
        call = getattr(client, method)
        response = call(AVATAR, {"avatar": SimpleUploadedFile("a.png", image_bytes())}, format="multipart")
        assert (response.status_code, response.json()["code"]) == (401, code)
    assert stored_files(media_root) == []


def test_anyone_is_sent_to_a_picture_by_username_in_any_case(api_client, api_client_as, alice_profile):
    url = put(api_client_as("alice"), image_bytes()).json()["avatar_url"]

    response = api_client.get("/api/v1/buyers/ALICE/avatar")

    assert response.status_code == 302
    assert response["Location"] == url
    assert response["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize("username", ["alice", "nobody"])
def test_an_account_without_a_picture_or_no_account_is_a_404(api_client, alice_profile, username):
    response = api_client.get(f"/api/v1/buyers/{username}/avatar")

    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert response["Cache-Control"] == "public, max-age=60"


def test_the_picture_is_served_with_its_type_for_good(api_client, api_client_as, alice_profile):
    content = image_bytes()
    url = put(api_client_as("alice"), content).json()["avatar_url"]

    response = api_client.get(url.removeprefix("https://bazaar.test"))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert (response["Content-Type"], response["Cache-Control"], response["X-Content-Type-Options"]) == (
        "image/png",
        "public, max-age=31536000, immutable",
        "nosniff",
    )


@pytest.mark.parametrize("name", ["nothere0000000000000000000000000.png", "../settings.py", "x.png"])
def test_a_name_never_stored_is_a_404(api_client, db, name):
    assert api_client.get(f"/api/v1/media/users/avatars/{name}").status_code == 404
