"""Checking an uploaded file: what it *is* comes from its first bytes, never from the client.

A client's ``Content-Type`` and file name are whatever it chose to send; a PNG renamed
``report.pdf`` is a PNG. Only the types below are accepted, the stored file is served
back with the type sniffed here (with ``nosniff``), and nothing larger than
``settings.MAX_UPLOAD_BYTES`` is kept. Chat attachments and order deliveries use it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from common.api.errors import BazaarError

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
ALLOWED = "JPEG, PNG, WebP or GIF images, PDF, ZIP or plain text"


class FileTooLarge(BazaarError):
    """413: the upload is larger than ``settings.MAX_UPLOAD_BYTES``."""

    status = 413
    code = "file_too_large"
    detail = "The file is too large."


class UnsupportedFileType(BazaarError):
    """415: the upload's content (not its name or header) is not of an allowed type."""

    status = 415
    code = "unsupported_file_type"
    detail = f"Files may be {ALLOWED}."


@dataclass(frozen=True)
class Inspected:
    """An accepted file: its sniffed type, the extension its stored name gets, its size and shown name."""

    content_type: str
    extension: str
    size: int
    original_name: str


def inspect(
    upload: UploadedFile,
    *,
    field: str,
    what: str = "Files",
    unsupported: type[UnsupportedFileType] = UnsupportedFileType,
) -> Inspected:
    """The upload's real type; ``FileTooLarge`` (413) or ``unsupported`` (415) on ``field`` otherwise."""
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise FileTooLarge(f"{what} may be at most {limit} bytes.", fields={field: [f"Larger than {limit} bytes."]})
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    sniffed = sniff(head, whole=upload.size <= SNIFF_BYTES)
    if sniffed is None:
        raise unsupported(fields={field: ["This type of file is not allowed."]})
    content_type, extension = sniffed
    return Inspected(content_type, extension, upload.size, display_name(upload.name or field, default=field))


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


def display_name(name: str, *, default: str = "file") -> str:
    """The client's file name without any path, as shown and offered on download."""
    return PurePath(name.replace("\\", "/")).name[:255] or default
