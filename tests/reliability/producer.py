"""Registers ``--count`` accounts in auth's database, each with its ``UserRegistered`` in the outbox.

    DJANGO_SETTINGS_MODULE=auth_service.settings python -m tests.reliability.producer --count 1000

What a signup does to the database, minus the HTTP and the password hashing: one
transaction per account holding the user row and the outbox row. ``--rate`` spaces the
commits evenly (events per second; 0 commits as fast as PostgreSQL allows). Prints one
line when done: ``committed <n> events in <seconds>s``.
"""

from __future__ import annotations

import argparse
import os
import time

import django


def register(username: str) -> None:
    """One account and its event, committed together (as ``auth_service`` signs up)."""
    from django.db import transaction

    from auth_service.accounts.models import User
    from common.events.catalog.auth import UserRegistered
    from common.events.outbox import publish

    with transaction.atomic():
        user = User(username=username, email=f"{username}@example.com", country="Peru")
        user.set_unusable_password()  # the events are the subject here, not Argon2
        user.save()
        publish(UserRegistered(user_id=user.pk, username=user.username, email=user.email, country=user.country))


def produce(count: int, rate: float, tag: str) -> float:
    """Register ``count`` accounts named ``<tag>-<n>`` at ``rate`` per second; seconds taken."""
    started = time.monotonic()
    for number in range(count):
        if rate:
            # Against the schedule, not the previous commit: a slow commit does not lower the rate.
            time.sleep(max(0.0, started + number / rate - time.monotonic()))
        register(f"{tag}-{number:06d}")
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--rate", type=float, default=0.0, help="events per second (0: as fast as possible)")
    parser.add_argument("--tag", default="rel", help="username prefix")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auth_service.settings")
    django.setup()
    seconds = produce(args.count, args.rate, args.tag)
    print(f"committed {args.count} events in {seconds:.2f}s", flush=True)


if __name__ == "__main__":
    main()
