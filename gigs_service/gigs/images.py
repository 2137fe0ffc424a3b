"""Gig cover images: checked with Pillow, stored through ``default_storage`` only.

Settings decide what stands behind ``default_storage`` (local files or S3); this module
never touches the filesystem. Stored names are random (``gigs/covers/<hex>.<ext>``) and
never reused, so a served image can be cached for good.
"""

from __future__ import annotations

import logging
import re
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

from gigs_service.gigs.errors import FileTooLarge, UnsupportedImageType, image_dimensions_too_large

log = logging.getLogger(__name__)

COVERS = "gigs/covers/"
# Pillow format → (extension, content type). The extension comes from what the bytes are,
# never from the client's file name.
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
CONTENT_TYPES = dict(FORMATS.values())
# A cover is shown at most a few hundred pixels wide; this is generous and keeps a tiny
# file from decompressing into gigabytes.
MAX_SIDE = 6000
COVER_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp)$")
PUBLIC_MEDIA_PATH = "/api/v1/media/"


@dataclass(frozen=True)
class CheckedImage:
    """An upload that is a real JPEG, PNG or WebP of sane size."""

    file: UploadedFile
    extension: str


def check(upload: UploadedFile) -> CheckedImage:
    """The upload as a ``CheckedImage``; 413, 415 or 400 (dimensions) otherwise."""
    if upload.size is None or upload.size > settings.MAX_UPLOAD_BYTES:
        raise FileTooLarge(f"The file is larger than {settings.MAX_UPLOAD_BYTES} bytes.")
    image_format, width, height = _identify(upload)
    if image_format not in FORMATS:
        raise UnsupportedImageType()
    if max(width, height) > MAX_SIDE:
        raise image_dimensions_too_large(MAX_SIDE)
    upload.seek(0)
    return CheckedImage(file=upload, extension=FORMATS[image_format][0])


def _identify(upload: UploadedFile) -> tuple[str, int, int]:
    """(Pillow format, width, height) of a complete, undamaged image; 415 for anything else."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                image_format, (width, height) = image.format or "", image.size
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise image_dimensions_too_large(MAX_SIDE) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UnsupportedImageType() from None
    return image_format, width, height


def store(image: CheckedImage) -> str:
    """Save under a random name; the storage name to keep on the gig."""
    return default_storage.save(f"{COVERS}{uuid.uuid4().hex}.{image.extension}", image.file)


def delete(name: str) -> None:
    """Remove a stored cover; a failure is logged, never raised (the gig change already committed)."""
    if not name:
        return
    try:
        default_storage.delete(name)
    except Exception:
        log.exception("could not delete a cover image", extra={"storage_name": name})


def public_url(name: str) -> str | None:
    """Where clients fetch the cover: through the gateway for local files, the storage's URL otherwise."""
    if not name:
        return None
    if isinstance(default_storage, FileSystemStorage):
        return f"{settings.GATEWAY_URL}{PUBLIC_MEDIA_PATH}{name}"
    return default_storage.url(name)


def content_type_of(file_name: str) -> str | None:
    """The content type of a stored cover's file name; None for a name we never produce."""
    if not COVER_NAME.match(file_name):
        return None
    return CONTENT_TYPES[file_name.rsplit(".", 1)[1]]
