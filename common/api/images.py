"""Pictures users upload (gig covers, profile pictures): checked with Pillow, stored through ``default_storage`` only.

Settings decide what stands behind ``default_storage`` (local files or S3); this module
never touches the filesystem. Stored names are random (``<folder><hex>.<ext>``) and never
reused, so a served picture can be cached for good. Each kind of picture (an
:class:`ImageKind`) has its folder and the form field it is uploaded in, which errors name.
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
from django.http import FileResponse
from PIL import Image, UnidentifiedImageError

from common.api.errors import BazaarError, InvalidInput, NotFound

log = logging.getLogger(__name__)

# Pillow format → (extension, content type). The extension comes from what the bytes are,
# never from the client's file name.
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
CONTENT_TYPES = dict(FORMATS.values())
# A picture is shown at most a few hundred pixels wide; this is generous and keeps a tiny
# file from decompressing into gigabytes.
MAX_SIDE = 6000
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp)$")
PUBLIC_MEDIA_PATH = "/api/v1/media/"
CACHE_FOREVER = "public, max-age=31536000, immutable"
UNSUPPORTED_IMAGE_TYPE = "unsupported_image_type"
IMAGE_DIMENSIONS_TOO_LARGE = "image_dimensions_too_large"


@dataclass(frozen=True)
class ImageKind:
    """A kind of picture: the storage folder it lives in, the form field it comes in, and how errors name it."""

    folder: str
    field: str
    label: str


class UnsupportedImageType(BazaarError):
    """415: the upload is not a JPEG, PNG or WebP image."""

    status = 415
    code = UNSUPPORTED_IMAGE_TYPE
    detail = "The image must be a JPEG, PNG or WebP image."


class FileTooLarge(BazaarError):
    """413: the upload is larger than ``MAX_UPLOAD_BYTES``."""

    status = 413
    code = "file_too_large"
    detail = "The file is too large."


@dataclass(frozen=True)
class CheckedImage:
    """An upload that is a real JPEG, PNG or WebP of sane size."""

    file: UploadedFile
    extension: str


def check(upload: UploadedFile, kind: ImageKind) -> CheckedImage:
    """The upload as a ``CheckedImage``; 413, 415 or 400 (dimensions) naming ``kind.field`` otherwise."""
    if upload.size is None or upload.size > settings.MAX_UPLOAD_BYTES:
        raise FileTooLarge(
            f"The file is larger than {settings.MAX_UPLOAD_BYTES} bytes.",
            fields={kind.field: [f"Larger than {settings.MAX_UPLOAD_BYTES} bytes."]},
        )
    image_format, width, height = _identify(upload, kind)
    if image_format not in FORMATS:
        raise _unsupported(kind)
    if max(width, height) > MAX_SIDE:
        raise _too_wide(kind)
    upload.seek(0)
    return CheckedImage(file=upload, extension=FORMATS[image_format][0])


def _unsupported(kind: ImageKind) -> UnsupportedImageType:
    message = f"{kind.label} must be a JPEG, PNG or WebP image."
    return UnsupportedImageType(message, fields={kind.field: [message]})


def _too_wide(kind: ImageKind) -> InvalidInput:
    return InvalidInput.on(
        kind.field, f"The image must be at most {MAX_SIDE}×{MAX_SIDE} pixels.", code=IMAGE_DIMENSIONS_TOO_LARGE
    )


def _identify(upload: UploadedFile, kind: ImageKind) -> tuple[str, int, int]:
    """(Pillow format, width, height) of a complete, undamaged image; 415 for anything else."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                image_format, (width, height) = image.format or "", image.size
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_wide(kind) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _unsupported(kind) from None
    return image_format, width, height


def store(image: CheckedImage, kind: ImageKind) -> str:
    """Save under a random name in ``kind.folder``; the storage name to keep."""
    return default_storage.save(f"{kind.folder}{uuid.uuid4().hex}.{image.extension}", image.file)


def delete(name: str) -> None:
    """Remove a stored picture; a failure is logged, never raised (the change that dropped it already committed)."""
    if not name:
        return
    try:
        default_storage.delete(name)
    except Exception:
        log.exception("could not delete a stored image", extra={"storage_name": name})


def public_url(name: str) -> str | None:
    """Where clients fetch the picture: through the gateway for local files, the storage's URL otherwise."""
    if not name:
        return None
    if isinstance(default_storage, FileSystemStorage):
        return f"{settings.GATEWAY_URL}{PUBLIC_MEDIA_PATH}{name}"
    return default_storage.url(name)


def content_type_of(file_name: str) -> str | None:
    """The content type of a stored picture's file name; None for a name this module never produces."""
    if not STORED_NAME.match(file_name):
        return None
    return CONTENT_TYPES[file_name.rsplit(".", 1)[1]]


def serve(kind: ImageKind, file_name: str) -> FileResponse:
    """The stored picture ``file_name`` of ``kind``, cacheable for good; 404 for any other name."""
    content_type = content_type_of(file_name)
    name = f"{kind.folder}{file_name}"
    if content_type is None or not default_storage.exists(name):
        raise NotFound("No image has this name.")
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = CACHE_FOREVER
    response["X-Content-Type-Options"] = "nosniff"
    return response
