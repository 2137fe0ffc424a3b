"""What each consumed event tells whom: pure functions from an event to its messages.

A message is the in-app notice and the email that go to one person. ``handlers.py`` only
binds events to these functions and stores what they return, so the wording of every
notification lives here, one module per producer, and can be read (and tested) apart
from the inbox and the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from notifications_service.notifications.services import Mail, Notice


@dataclass(frozen=True)
class Message:
    """One person's in-app notice and the email that goes with it."""

    notice: Notice
    mail: Mail
