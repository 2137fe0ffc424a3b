"""Handlers of the events the auth service consumes (``common.events.topology.SUBSCRIPTIONS``).

Each runs at most once per event id (the inbox, in the same transaction as its effect).
"""

from __future__ import annotations

from auth_service.accounts import services
from common.events.catalog.users import SellerCreated
from common.events.envelope import Envelope
from common.events.handlers import handles


@handles(SellerCreated)
def mark_account_seller(event: SellerCreated, envelope: Envelope) -> None:
    services.mark_seller(user_id=event.user_id)
