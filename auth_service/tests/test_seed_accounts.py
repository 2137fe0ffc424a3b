"""``manage.py seed_accounts``: the seed plan's accounts, signed up with verified emails."""

import pytest
from django.core.management import call_command

from auth_service.accounts.models import User
from auth_service.tests.conftest import published
from common.seed import account

pytestmark = pytest.mark.django_db


def test_seeding_signs_up_the_planned_accounts_with_verified_emails():
    call_command("seed_accounts", count=2)

    users = User.objects.order_by("id")
    assert [(user.username, user.email, user.email_verified) for user in users] == [
        (account(0).username, account(0).email, True),
        (account(1).username, account(1).email, True),
    ]
    assert (
        published()
        == [
            "auth.user.registered",
            "auth.email_verification.requested",
            "auth.email.verified",
        ]
        * 2
    )


def test_seeding_again_adds_nothing():
    call_command("seed_accounts", count=2)
    call_command("seed_accounts", count=2)

    assert User.objects.count() == 2
    assert len(published()) == 6
