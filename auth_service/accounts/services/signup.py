"""Signing up: a new account, its device, its request to verify the address, its first tokens."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from auth_service.accounts import errors
from auth_service.accounts.models import User
from auth_service.accounts.services.devices import remember_device
from auth_service.accounts.services.passwords import check_new_password
from auth_service.accounts.services.sessions import Session
from auth_service.accounts.services.verification import request_email_verification
from auth_service.accounts.tokens import issue_token_pair
from common.api.errors import InvalidInput
from common.events.catalog import auth as events
from common.events.outbox import publish

# Names that are path segments of public URLs (/sellers/me, /sellers/random): an account
# called so would have a profile nobody can open.
RESERVED_USERNAMES = frozenset({"me", "random", "admin", "api", "static", "media"})


def sign_up(*, username: str, email: str, password: str, country: str, device_id: str | None) -> Session:
    """Create the account, remember its device, ask for email verification, sign it in."""
    if username.lower() in RESERVED_USERNAMES:
        raise InvalidInput.on("username", "This username is reserved.", code=errors.USERNAME_RESERVED)
    taken: dict[str, list[str]] = {}
    if User.objects.filter(username__iexact=username).exists():
        taken["username"] = ["This username is taken."]
    if User.objects.filter(email__iexact=email).exists():
        taken["email"] = ["An account with this email already exists."]
    if taken:
        code = errors.USERNAME_TAKEN if "username" in taken else errors.EMAIL_TAKEN
        raise InvalidInput(f"{', '.join(taken)}: already taken.", code=code, fields=taken)
    user = User(username=username, email=User.objects.normalize_email(email), country=country)
    check_new_password(password, user, "password")
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            remember_device(user, device_id)
            publish(
                events.UserRegistered(user_id=user.pk, username=user.username, email=user.email, country=user.country)
            )
            request_email_verification(user)
            return Session(user=user, tokens=issue_token_pair(user))
    except IntegrityError as exc:
        # Lost a race with a concurrent signup of the same name or address.
        field = "username" if "username" in str(exc) else "email"
        code = errors.USERNAME_TAKEN if field == "username" else errors.EMAIL_TAKEN
        raise InvalidInput.on(field, "Already taken.", code=code) from None
