"""auth's real outbox relay, made to die right after its ``--die-after``-th confirmed publish.

    DJANGO_SETTINGS_MODULE=auth_service.settings python -m tests.reliability.crashing_relay --die-after 130

The process ends with ``os._exit(9)`` between a publish the broker confirmed and the
``mark_sent`` of its batch: no cleanup, no rollback by Python, exactly as a power cut at
that instant. The open transaction dies with the connection, so every row of the current
batch stays unsent although some of them are already on the wire.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

import django

EXIT_CODE = 9


def die_after_publishes(limit: int) -> None:
    """Patch the relay's ``publish_message`` to end the process after ``limit`` confirmed publishes."""
    from common.messaging import relay

    publish_for_real = relay.publish_message
    published = 0

    def publish_then_die_at_limit(producer: Any, message: Any) -> None:
        nonlocal published
        publish_for_real(producer, message)
        published += 1
        if published == limit:
            print(f"dying after {published} confirmed publishes, before marking them sent", flush=True)
            os._exit(EXIT_CODE)

    relay.publish_message = publish_then_die_at_limit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--die-after", type=int, required=True, help="confirmed publishes before dying")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auth_service.settings")
    django.setup()
    die_after_publishes(args.die_after)
    from common.messaging.relay import Relay

    Relay().run()


if __name__ == "__main__":
    main()
