"""``manage.py seed_gigs``: the seed plan's gigs, created through ``create_gig`` for the seeded sellers."""

import pytest
from django.core.management import call_command

from common.events.catalog.gigs import GigCreated
from common.seed import account, gig
from common.seed.vocabulary import CATEGORY_SERVICES
from gigs_service.gigs.models import CATEGORIES, Gig
from gigs_service.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded_sellers():
    """The summaries of the plan's first two sellers, arrived from users' events."""
    return [SellerFactory(user_id=7000 + index, username=account(index).username) for index in range(2)]


def test_seeding_creates_the_planned_gigs_round_robin_and_announces_them(seeded_sellers, events):
    call_command("seed_gigs", sellers=2, count=3)

    gigs = Gig.objects.order_by("id")
    assert [(g.seller.username, g.title) for g in gigs] == [
        (gig(index, sellers=2).seller_username, gig(index, sellers=2).title) for index in range(3)
    ]
    assert [event.gig_id for event in events.published(GigCreated)] == [g.pk for g in gigs]


def test_seeded_gigs_are_found_by_search(seeded_sellers, settings):
    settings.ELASTICSEARCH_URL = ""
    call_command("seed_gigs", sellers=2, count=3)

    assert Gig.objects.filter(search_vector__isnull=True).count() == 0


def test_seeding_again_adds_nothing(seeded_sellers, events):
    call_command("seed_gigs", sellers=2, count=3)
    call_command("seed_gigs", sellers=2, count=3)

    assert Gig.objects.count() == 3
    assert len(events.published(GigCreated)) == 3


def test_the_seed_vocabulary_uses_exactly_the_marketplace_categories():
    assert tuple(CATEGORY_SERVICES) == CATEGORIES
