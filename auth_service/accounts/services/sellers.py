"""An account becomes a seller when the users service says so (``users.seller.created``)."""

from __future__ import annotations

from auth_service.accounts.models import User


class AccountNotFound(RuntimeError):
    """An event names an account this service does not have; raised so that the event is retried.

    Cannot happen for a live account (the users service learned the id from auth's own
    event); a deleted one ends in ``auth.events.dead`` for an operator to look at.
    """


def mark_seller(*, user_id: int) -> None:
    """The account became a seller: the next token minted for it (refresh, sign-in) says so."""
    if not User.objects.filter(pk=user_id).update(is_seller=True):
        raise AccountNotFound(f"no account {user_id}")
