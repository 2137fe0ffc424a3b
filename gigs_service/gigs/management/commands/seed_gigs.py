"""``manage.py seed_gigs --sellers S --count G``: create the seed plan's first G gigs.

Waits until the S seeded sellers' summaries arrived (``users.seller.created``), then
creates the gigs through ``create_gig``, so search, events and every consumer see them as
they would see a seller's. Gigs the seed sellers already have are counted, not redone.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand

from common.seed import account, gig
from common.seed.progress import progress, wait_for
from gigs_service.gigs import services
from gigs_service.gigs.models import Gig, Seller


class Command(BaseCommand):
    help = "Create the seed plan's first G gigs for its S sellers (after their seller summaries arrived)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--sellers", type=int, required=True)
        parser.add_argument("--count", type=int, required=True)

    def handle(self, *args: Any, sellers: int, count: int, **options: Any) -> None:
        usernames = [account(index).username for index in range(sellers)]
        replicas = Seller.objects.filter(username__in=usernames)
        wait_for(replicas.count, expected=sellers, label="sellers known to gigs")
        seller_ids = dict(replicas.values_list("username", "user_id"))
        start = Gig.objects.filter(seller_id__in=seller_ids.values()).count()
        for index in progress(range(start, count), total=max(count - start, 0), label="gigs"):
            planned = asdict(gig(index, sellers=sellers))
            seller_id = seller_ids[planned.pop("seller_username")]
            services.create_gig(seller_id=seller_id, fields=planned)
        self.stdout.write(f"gigs: {max(count - start, 0)} created, {min(start, count)} already there")
