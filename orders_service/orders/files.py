"""Delivered files: what a file *is* comes from its first bytes, never from the client.

The same rules as chat attachments (the services share no code but ``common``): a
client's ``Content-Type`` and file name are whatever it chose to send; only the types
below are accepted, at most ``settings.MAX_UPLOAD_BYTES`` each.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from orders_service.orders.errors import FileTooLarge, UnsupportedFileType

SNIFF_BYTES = 8192
# (prefix, content type, extension), checked in order.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"PK\x03\x04", "application/zip", ".zip"),
    (b"PK\x05\x06", "application/zip", ".zip"),  # an empty archive
)
# Control characters that do not occur in text (tab, newlines and form feed do).
NOT_TEXT = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\f"} | {"\x7f"}


@dataclass(frozen=True)
class Inspected:
    """An accepted file: its sniffed type and the extension its stored name gets."""

    content_type: str
    extension: str
    size: int
    original_name: str


def inspect(upload: UploadedFile) -> Inspected:
    """The file's real type; ``FileTooLarge`` (413) or ``UnsupportedFileType`` (415) otherwise."""
    if upload.size is None or upload.size > settings.MAX_UPLOAD_BYTES:
        limit = settings.MAX_UPLOAD_BYTES
        raise FileTooLarge(
            f"Delivered files may be at most {limit} bytes.", fields={"files": [f"Larger than {limit} bytes."]}
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    sniffed = sniff(head, whole=upload.size <= SNIFF_BYTES)
    if sniffed is None:
        raise UnsupportedFileType(fields={"files": ["This type of file is not allowed."]})
    content_type, extension = sniffed
    return Inspected(content_type, extension, upload.size, display_name(upload.name or "delivery"))


def sniff(head: bytes, *, whole: bool = True) -> tuple[str, str] | None:
    """(content type, extension) of a file starting with ``head`` (all of it when ``whole``), None when not allowed."""
    for prefix, content_type, extension in SIGNATURES:
        if head.startswith(prefix):
            return content_type, extension
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", ".webp"
    if head and _is_text(head, whole=whole):
        return "text/plain", ".txt"
    return None


def _is_text(head: bytes, *, whole: bool) -> bool:
    """UTF-8 without binary control characters (unless ``whole``, ``head`` may end inside a character)."""
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
    except UnicodeDecodeError:
        return False
    return not NOT_TEXT.intersection(text)


def display_name(name: str) -> str:
    """The client's file name without any path, as shown and offered on download."""
    return PurePath(name.replace("\\", "/")).name[:255] or "delivery"
