"""The devices an account signed in from: a new one must confirm with a one-time code."""

from __future__ import annotations

import hashlib

from django.utils import timezone

from auth_service.accounts.models import KnownDevice, User


def device_hash(device_id: str) -> str:
    return hashlib.sha256(device_id.encode()).hexdigest()


def remember_device(user: User, device_id: str | None) -> None:
    if not device_id:
        return
    now = timezone.now()
    KnownDevice.objects.update_or_create(
        user=user,
        device_hash=device_hash(device_id),
        defaults={"last_seen_at": now},
        create_defaults={"first_seen_at": now, "last_seen_at": now},
    )
