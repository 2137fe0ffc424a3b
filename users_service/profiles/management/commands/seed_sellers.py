"""``manage.py seed_sellers --count S``: make the seed plan's first S accounts sellers.

Waits until their buyer profiles arrived verified (``auth.user.registered`` and
``auth.email.verified``), then goes through ``become_seller``, which announces
``users.seller.created`` to auth and gigs. Accounts that are sellers already are skipped.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand

from common.seed import account, seller
from common.seed.progress import progress, wait_for
from users_service.profiles.models import BuyerProfile
from users_service.profiles.services.sellers import become_seller


class Command(BaseCommand):
    help = "Make the seed plan's first S accounts sellers (after their verified buyer profiles arrived)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--count", type=int, required=True)

    def handle(self, *args: Any, count: int, **options: Any) -> None:
        usernames = [account(index).username for index in range(count)]
        buyers = BuyerProfile.objects.filter(username__in=usernames)
        wait_for(buyers.filter(email_verified=True).count, expected=count, label="verified buyers known to users")
        ids = dict(buyers.filter(is_seller=False).values_list("username", "user_id"))
        for index in progress(range(count), total=count, label="sellers"):
            planned = asdict(seller(index))
            user_id = ids.get(planned.pop("username"))
            if user_id is not None:
                become_seller(user_id=user_id, fields=planned)
        self.stdout.write(f"sellers: {len(ids)} created, {count - len(ids)} already there")
