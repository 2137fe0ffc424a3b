"""The test handler: records each registration, and fails on demand for retry tests."""

from __future__ import annotations

from common.events.catalog.auth import OtpRequested, UserRegistered
from common.events.envelope import Envelope
from common.events.handlers import handles
from common.testing.ledger.models import LedgerEntry

# A username that makes the handler fail, as a bug or a bad row would.
POISON_PREFIX = "poison"


class PoisonedEvent(RuntimeError):
    """Raised for usernames starting with ``poison`` unless a ``fixed-*`` entry exists."""


@handles(UserRegistered)
def record_registration(event: UserRegistered, envelope: Envelope) -> None:
    if event.username.startswith(POISON_PREFIX) and not LedgerEntry.objects.filter(username="fixed").exists():
        raise PoisonedEvent(f"cannot record {event.username}")
    LedgerEntry.objects.create(event_id=envelope.id, username=event.username)


@handles(OtpRequested)
def record_sign_in_code(event: OtpRequested, envelope: Envelope) -> None:
    """Like a mail sender: sees the secret code, and fails on demand like a down SMTP server."""
    if event.username.startswith(POISON_PREFIX) and not LedgerEntry.objects.filter(username="fixed").exists():
        raise PoisonedEvent(f"cannot send a code to {event.username}")
    LedgerEntry.objects.create(event_id=envelope.id, username=event.username)
