"""Uploads are judged by their bytes and size, never by the name or type the client sent."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from common.api.uploads import FileTooLarge, UnsupportedFileType, display_name, inspect, sniff

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (PNG, ("image/png", ".png")),
        (b"%PDF-1.7 ...", ("application/pdf", ".pdf")),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", ("image/webp", ".webp")),
        ("Grüße\n".encode(), ("text/plain", ".txt")),
        (b"MZ\x90\x00\x03", None),
        (b"", None),
    ],
)
def test_a_file_is_what_its_first_bytes_say(head, expected):
    assert sniff(head) == expected


def test_a_renamed_png_is_a_png_and_keeps_only_its_base_name():
    upload = SimpleUploadedFile("..\\secret/report.pdf", PNG, content_type="application/pdf")

    inspected = inspect(upload, field="attachment")

    assert (inspected.content_type, inspected.extension, inspected.original_name) == ("image/png", ".png", "report.pdf")


def test_a_program_is_refused_on_the_named_field():
    with pytest.raises(UnsupportedFileType) as refused:
        inspect(SimpleUploadedFile("notes.txt", b"MZ\x90\x00\x03"), field="files")

    assert (refused.value.status, refused.value.code, refused.value.fields) == (
        415,
        "unsupported_file_type",
        {"files": ["This type of file is not allowed."]},
    )


def test_a_file_over_the_limit_is_413(settings):
    settings.MAX_UPLOAD_BYTES = 10

    with pytest.raises(FileTooLarge) as refused:
        inspect(SimpleUploadedFile("a.txt", b"x" * 11), field="attachment", what="Attachments")

    assert (refused.value.status, refused.value.detail) == (413, "Attachments may be at most 10 bytes.")


def test_an_empty_name_falls_back_to_the_default():
    assert display_name("", default="delivery") == "delivery"
