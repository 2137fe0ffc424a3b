"""``POST /api/v1/messages`` as multipart with an ``attachment``: sniffed, size-checked, stored privately."""

import json
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from chat_service.chat.models import Message, Offer
from chat_service.tests.conftest import published_types, upload
from common.events.catalog.chat import MessageSent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("users")]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def a_zip() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("brief.txt", "A fox, in orange.")
    return buffer.getvalue()


def file(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(media_root: Path) -> list[Path]:
    return sorted(path for path in media_root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image/jpeg"),
        (b"GIF89a" + b"\x01\x00" * 10, "image/gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "image/webp"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        (a_zip(), "application/zip"),
        ("Brief: a fox — in orange, please.\n".encode(), "text/plain"),
    ],
)
def test_each_allowed_type_is_accepted_and_described(api_client_as, content, content_type):
    response = upload(api_client_as("alice"), to="bob", attachment=file("brief", content))

    assert response.status_code == 201
    message = Message.objects.get()
    assert response.json()["attachment"] == {
        "name": "brief",
        "size": len(content),
        "content_type": content_type,
        "url": f"https://bazaar.test/api/v1/messages/{message.pk}/attachment",
    }


def test_the_file_is_stored_under_a_random_name_and_the_original_name_is_kept(api_client_as, media_root):
    response = upload(api_client_as("alice"), to="bob", body="My sketch", attachment=file("../../etc/fox.png", PNG))

    assert response.status_code == 201
    message = Message.objects.get()
    assert message.attachment_name == "fox.png"
    assert message.attachment_path.startswith("chat/attachments/")
    assert message.attachment_path.endswith(".png")
    assert "fox" not in message.attachment_path
    with default_storage.open(message.attachment_path) as stored:
        assert stored.read() == PNG
    assert stored_files(media_root) == [media_root / message.attachment_path]


def test_the_type_comes_from_the_content_not_from_the_name_or_the_header(api_client_as):
    response = upload(api_client_as("alice"), to="bob", attachment=file("invoice.pdf", PNG, "application/pdf"))

    assert response.status_code == 201
    assert response.json()["attachment"]["content_type"] == "image/png"


def test_a_file_alone_is_a_message_and_its_name_is_announced(api_client_as, events):
    upload(api_client_as("alice"), to="bob", attachment=file("fox.png", PNG))

    [sent] = events.published(MessageSent)
    assert (sent.body, sent.attachment_name) == ("", "fox.png")


def test_an_offer_can_travel_as_json_in_a_multipart_message(api_client_as, bobs_gig):
    terms = {"gig_id": 501, "price": "80.00", "description": "Logo with brief", "delivery_days": 3}

    response = upload(api_client_as("bob"), to="alice", offer=json.dumps(terms), attachment=file("brief.png", PNG))

    assert response.status_code == 201
    assert Offer.objects.get().price == 80
    assert response.json()["attachment"]["name"] == "brief.png"


@pytest.mark.parametrize(
    ("name", "content", "claimed"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 40, "application/octet-stream"),
        ("fox.png", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 40, "image/png"),
        ("vector.svg", b"\x00\x01<svg onload=alert(1)>", "image/svg+xml"),
        ("song.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb", "audio/mpeg"),
        ("notes.txt", "latin-1 caf\xe9".encode("latin-1"), "text/plain"),
    ],
)
def test_any_other_type_is_a_415_and_nothing_is_written(api_client_as, media_root, name, content, claimed):
    response = upload(api_client_as("alice"), to="bob", body="Look", attachment=file(name, content, claimed))

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_attachment_type"
    assert response.json()["fields"] == {"attachment": ["This type of file is not allowed."]}
    assert Message.objects.count() == 0
    assert stored_files(media_root) == []
    assert published_types() == []


def test_a_file_larger_than_the_limit_is_a_413_and_nothing_is_written(api_client_as, settings, media_root):
    settings.MAX_UPLOAD_BYTES = 100

    response = upload(api_client_as("alice"), to="bob", attachment=file("big.png", PNG + b"\x00" * 100))

    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"
    assert response.json()["fields"] == {"attachment": ["Larger than 100 bytes."]}
    assert Message.objects.count() == 0
    assert stored_files(media_root) == []
    assert published_types() == []


def test_a_file_exactly_at_the_limit_is_accepted(api_client_as, settings):
    settings.MAX_UPLOAD_BYTES = len(PNG)

    response = upload(api_client_as("alice"), to="bob", attachment=file("fox.png", PNG))

    assert response.status_code == 201


def test_an_empty_file_is_refused(api_client_as, media_root):
    response = upload(api_client_as("alice"), to="bob", attachment=file("empty.txt", b""))

    assert response.status_code == 400
    assert response.json()["fields"] == {"attachment": ["The submitted file is empty."]}
    assert stored_files(media_root) == []


def test_a_bad_recipient_with_a_good_file_stores_no_file(api_client_as, media_root):
    response = upload(api_client_as("alice"), to="nobody", attachment=file("fox.png", PNG))

    assert response.status_code == 400
    assert response.json()["code"] == "unknown_user"
    assert stored_files(media_root) == []


def test_a_file_is_removed_again_when_the_message_cannot_be_stored(api_client_as, media_root, monkeypatch):
    from chat_service.chat.services import messages

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(messages, "_create_offer", fail)
    monkeypatch.setattr(messages, "publish", fail)

    with pytest.raises(RuntimeError):
        upload(api_client_as("alice"), to="bob", attachment=file("fox.png", PNG))

    assert Message.objects.count() == 0
    assert stored_files(media_root) == []


def test_an_offer_that_is_not_json_in_multipart_is_refused(api_client_as, bobs_gig):
    response = upload(api_client_as("bob"), to="alice", offer="{price: 5", attachment=file("fox.png", PNG))

    assert response.status_code == 400
    assert response.json()["fields"] == {"offer": ["Must be a JSON object."]}
