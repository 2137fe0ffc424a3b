"""``manage.py seed_accounts --count N``: sign up the seed plan's first N accounts, emails verified.

Goes through the real use-cases (``sign_up``, ``mark_email_verified``), so every other
service learns about the accounts from the usual events. Accounts that exist are skipped.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import override_settings

from auth_service.accounts import services
from auth_service.accounts.models import User
from common.seed import account
from common.seed.plan import EMAIL_DOMAIN, PASSWORD
from common.seed.progress import progress

LIGHT_HASHER = "auth_service.accounts.hashers.LightArgon2PasswordHasher"


class Command(BaseCommand):
    help = "Sign up the seed plan's first N accounts with verified emails (skips existing ones)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--count", type=int, required=True)

    def handle(self, *args: Any, count: int, **options: Any) -> None:
        # Fake accounts with a published password: full-cost Argon2 would make seeding
        # thousands of them take many minutes. A sign-in upgrades the hash.
        with override_settings(PASSWORD_HASHERS=[LIGHT_HASHER, *settings.PASSWORD_HASHERS]):
            self._seed(count)

    def _seed(self, count: int) -> None:
        existing = set(User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").values_list("username", flat=True))
        created = 0
        for index in progress(range(count), total=count, label="accounts"):
            planned = account(index)
            if planned.username in existing:
                continue
            session = services.sign_up(
                username=planned.username,
                email=planned.email,
                password=PASSWORD,
                country=planned.country,
                device_id=None,
            )
            services.mark_email_verified(user=session.user)
            created += 1
        self.stdout.write(f"accounts: {created} created, {count - created} already there")
