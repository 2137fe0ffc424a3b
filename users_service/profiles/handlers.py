"""Handlers of the events the users service consumes (``common.events.topology.SUBSCRIPTIONS``).

Each runs at most once per event id (the inbox) and only calls a use-case of ``services``.
"""

from __future__ import annotations

from common.events.catalog.auth import EmailVerified, UserRegistered
from common.events.envelope import Envelope
from common.events.handlers import handles
from users_service.profiles import services


@handles(UserRegistered)
def create_buyer_profile(event: UserRegistered, envelope: Envelope) -> None:
    services.create_buyer_profile(
        user_id=event.user_id,
        username=event.username,
        email=event.email,
        country=event.country,
        registered_at=envelope.occurred_at,
    )


@handles(EmailVerified)
def mark_buyer_email_verified(event: EmailVerified, envelope: Envelope) -> None:
    # The broker does not keep the order of events: this one can overtake the registration.
    # The use-case then raises ProfileNotYetCreated, the transaction (inbox row included)
    # rolls back and the worker retries the event with backoff until the profile exists;
    # after the last retry it waits in users.events.dead for a replay. Never dropped.
    services.mark_email_verified(user_id=event.user_id, email=event.email)
