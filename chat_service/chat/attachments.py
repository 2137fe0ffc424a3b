"""Attachment checks: the fleet's upload rules (``common.api.uploads``) on the ``attachment`` field."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from chat_service.chat.errors import UnsupportedAttachmentType
from common.api import uploads
from common.api.uploads import Inspected

__all__ = ["Inspected", "inspect"]


def inspect(upload: UploadedFile) -> Inspected:
    """The attachment's real type; 413 ``file_too_large`` or 415 ``unsupported_attachment_type`` otherwise."""
    return uploads.inspect(upload, field="attachment", what="Attachments", unsupported=UnsupportedAttachmentType)
