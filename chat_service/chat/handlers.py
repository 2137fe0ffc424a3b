"""Handlers of the events the chat service consumes (``common.events.topology.SUBSCRIPTIONS``).

Chat keeps a directory of users (to address messages by username) and a replica of gigs
(to check offers) from these events, so it never calls another service. Each handler runs
at most once per event id (the inbox) and only calls a use-case of ``services``.
"""

from __future__ import annotations

from chat_service.chat import services
from common.events.catalog.auth import UserRegistered
from common.events.catalog.gigs import GigCreated, GigDeleted, GigState, GigUpdated
from common.events.envelope import Envelope
from common.events.handlers import handles


@handles(UserRegistered)
def add_user_to_directory(event: UserRegistered, envelope: Envelope) -> None:
    services.record_user(user_id=event.user_id, username=event.username)


@handles(GigCreated)
def copy_created_gig(event: GigCreated, envelope: Envelope) -> None:
    _copy(event)


@handles(GigUpdated)
def copy_updated_gig(event: GigUpdated, envelope: Envelope) -> None:
    _copy(event)


@handles(GigDeleted)
def mark_gig_deleted(event: GigDeleted, envelope: Envelope) -> None:
    services.record_gig_deleted(gig_id=event.gig_id, seller_id=event.seller_id, deleted_at=event.deleted_at)


def _copy(event: GigState) -> None:
    services.record_gig(
        gig_id=event.gig_id,
        seller_id=event.seller_id,
        title=event.title,
        price=event.price,
        active=event.active,
        changed_at=event.changed_at,
    )
