"""Profile pictures: the fleet's picture handling (``common.api.images``) for the ``avatar`` field."""

from __future__ import annotations

from common.api.images import ImageKind

AVATAR = ImageKind(folder="users/avatars/", field="avatar", label="The profile picture")
