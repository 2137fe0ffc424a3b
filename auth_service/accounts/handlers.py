"""Handlers of the events the auth service consumes (``common.events.topology.SUBSCRIPTIONS``).

Each runs at most once per event id (the inbox, in the same transaction as its effect).
"""

from __future__ import annotations

from auth_service.accounts.models import User
from common.events.catalog.users import SellerCreated
from common.events.envelope import Envelope
from common.events.handlers import handles


class AccountNotFound(RuntimeError):
    """An event names an account this service does not have; raised so that the event is retried.

    Cannot happen for a live account (the users service learned the id from auth's own
    event); a deleted one ends in ``auth.events.dead`` for an operator to look at.
    """


@handles(SellerCreated)
def mark_account_seller(event: SellerCreated, envelope: Envelope) -> None:
    # The next token minted for the account (refresh, sign-in) carries is_seller=True:
    # tokens.issue_token_pair reads the claims from this row.
    if not User.objects.filter(pk=event.user_id).update(is_seller=True):
        raise AccountNotFound(f"no account {event.user_id}")
