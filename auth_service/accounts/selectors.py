"""Read use-cases of the accounts app."""

from __future__ import annotations

from auth_service.accounts.errors import account_unavailable
from auth_service.accounts.models import KnownDevice, User


def find_user_by_identifier(identifier: str) -> User | None:
    """The account whose email (when ``identifier`` has an "@") or username matches, any case."""
    identifier = identifier.strip()
    lookup = {"email__iexact": identifier} if "@" in identifier else {"username__iexact": identifier}
    return User.objects.filter(**lookup).first()


def get_active_user(user_id: int) -> User:
    """The signed-in account; 401 when it was deleted or deactivated since its token was minted."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise account_unavailable()
    return user


def is_known_device(user: User, device_hash: str) -> bool:
    return KnownDevice.objects.filter(user=user, device_hash=device_hash).exists()
