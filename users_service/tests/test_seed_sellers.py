"""``manage.py seed_sellers``: the seed plan's accounts become sellers through ``become_seller``."""

import pytest
from django.core.management import call_command

from common.events.catalog.users import SellerCreated
from common.seed import account, seller
from users_service.profiles.models import SellerProfile
from users_service.tests.factories import BuyerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned_buyers():
    """The first two planned accounts, arrived verified from auth's events."""
    return [
        BuyerProfileFactory(user_id=7000 + index, username=account(index).username, email_verified=True)
        for index in range(2)
    ]


def test_seeding_makes_the_planned_accounts_sellers_and_announces_them(planned_buyers, events):
    call_command("seed_sellers", count=2)

    profiles = SellerProfile.objects.order_by("buyer__user_id")
    assert [profile.full_name for profile in profiles] == [seller(0).full_name, seller(1).full_name]
    assert [event.username for event in events.published(SellerCreated)] == [account(0).username, account(1).username]


def test_seeding_again_adds_nothing(planned_buyers, events):
    call_command("seed_sellers", count=2)
    call_command("seed_sellers", count=2)

    assert SellerProfile.objects.count() == 2
    assert len(events.published(SellerCreated)) == 2
