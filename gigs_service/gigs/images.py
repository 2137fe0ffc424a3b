"""Gig cover images: the fleet's picture handling (``common.api.images``) for the ``cover_image`` field."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse

from common.api import images
from common.api.images import CheckedImage, delete, public_url

__all__ = ["COVER", "COVERS", "CheckedImage", "check", "delete", "public_url", "serve", "store"]

COVER = images.ImageKind(folder="gigs/covers/", field="cover_image", label="The cover image")
COVERS = COVER.folder


def check(upload: UploadedFile) -> CheckedImage:
    """The upload as a ``CheckedImage``; 413, 415 or 400 (dimensions) on ``cover_image`` otherwise."""
    return images.check(upload, COVER)


def store(image: CheckedImage) -> str:
    """Save under a random name; the storage name to keep on the gig."""
    return images.store(image, COVER)


def serve(file_name: str) -> FileResponse:
    """The stored cover ``file_name``; 404 for any other name."""
    return images.serve(COVER, file_name)
