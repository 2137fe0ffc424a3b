"""Handlers of the events the chat service consumes (``common.events.topology.SUBSCRIPTIONS``).

Chat keeps a directory of users (to address messages by username) and a replica of gigs
(to check offers) from these events, so it never calls another service. Each handler runs
at most once per event id (the inbox) and only calls a use-case of ``services``; the
gig replica's handlers are the fleet's one kind (``common.events.replicas``).
"""

from __future__ import annotations

from chat_service.chat import services
from chat_service.chat.models import Gig
from common.events.catalog.auth import UserDeleted, UserRegistered
from common.events.envelope import Envelope
from common.events.handlers import handles
from common.events.replicas import gig_replica_handlers


@handles(UserRegistered)
def add_user_to_directory(event: UserRegistered, envelope: Envelope) -> None:
    services.record_user(user_id=event.user_id, username=event.username)


@handles(UserDeleted)
def forget_deleted_user(event: UserDeleted, envelope: Envelope) -> None:
    services.forget_deleted_user(user_id=event.user_id)


copy_created_gig, copy_updated_gig, mark_gig_deleted = gig_replica_handlers(Gig, __name__)
