"""Delivered files: the fleet's upload rules (``common.api.uploads``) on the ``files`` field."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from common.api import uploads
from common.api.uploads import Inspected

__all__ = ["Inspected", "inspect"]


def inspect(upload: UploadedFile) -> Inspected:
    """The file's real type; 413 ``file_too_large`` or 415 ``unsupported_file_type`` otherwise."""
    return uploads.inspect(upload, field="files", what="Delivered files")
