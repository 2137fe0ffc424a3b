"""``manage.py relay_events``: this service's outbox relay, until SIGINT/SIGTERM."""

from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand

from common.messaging.relay import Relay


class Command(BaseCommand):
    help = "Send this service's committed events to RabbitMQ (bazaar.events), with publisher confirms."

    def handle(self, *args: Any, **options: Any) -> None:
        relay = Relay()
        signal.signal(signal.SIGTERM, relay.stop)
        signal.signal(signal.SIGINT, relay.stop)
        relay.run()
        self.stdout.write(f"relay stopped after sending {relay.sent} events")
