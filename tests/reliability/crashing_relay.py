"""auth's real outbox relay, made to die right after its ``--die-after``-th confirmed publish.

    DJANGO_SETTINGS_MODULE=auth_service.settings python -m tests.reliability.crashing_relay --die-after 130

The process ends with ``os._exit(9)`` once the broker confirmed the ``--die-after``-th
message, before the ``mark_sent`` of its batch: no cleanup, no rollback by Python, exactly as a power cut at
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
    """Patch the relay's ``publish_batch`` to end the process after ``limit`` confirmed publishes."""
    from common.messaging import relay

    publish_for_real = relay.publish_batch
    published = 0

    def publish_then_die_at_limit(producer: Any, messages: list[Any]) -> None:
        nonlocal published
        # The batch that reaches the limit is cut there: its first rows are published and
        # confirmed, and the process dies before the batch is marked sent.
        batch = messages[: limit - published]
        publish_for_real(producer, batch)
        published += len(batch)
        if published == limit:
            print(f"dying after {published} confirmed publishes, before marking them sent", flush=True)
            os._exit(EXIT_CODE)

    relay.publish_batch = publish_then_die_at_limit


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
