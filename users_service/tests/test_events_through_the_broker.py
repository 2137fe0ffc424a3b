"""Through the real broker: a registration becomes a buyer profile, a created gig is counted.

The relay and the worker are real processes in a fresh vhost, sharing this test run's
database. The event is written to the users database's own outbox: the relay sends any
committed row, whoever produced it, so this stands in for the auth service's relay.
"""

import pytest
from django.db import transaction

from common.events import outbox
from common.testing import broker
from users_service.profiles.models import BuyerProfile, SellerProfile
from users_service.tests.conftest import gig_created, registration_of
from users_service.tests.factories import BuyerProfileFactory, SellerProfileFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def users_processes(settings):
    vhost = broker.fresh_vhost("bazaar_test_users")
    settings.RABBITMQ_URL = vhost
    env = broker.service_env(vhost)
    with broker.running(broker.worker("users_service", env), broker.relay("users_service", env)) as processes:
        yield processes


def test_a_registration_published_to_the_broker_becomes_a_buyer_profile(users_processes):
    with transaction.atomic():
        message = outbox.publish(registration_of("alice", country="Peru"))

    broker.wait_until(lambda: BuyerProfile.objects.filter(user_id=1001).exists(), what="alice's buyer profile")
    assert list(BuyerProfile.objects.values_list("username", "email", "country", "email_verified", "created_at")) == [
        ("alice", "alice@example.com", "Peru", False, message.occurred_at)
    ]


def test_a_gig_published_to_the_broker_is_counted_for_its_seller(users_processes):
    seller = SellerProfileFactory(buyer=BuyerProfileFactory(user_id=1002, username="bob", email_verified=True))
    with transaction.atomic():
        outbox.publish(gig_created(seller_id=1002))

    broker.wait_until(lambda: SellerProfile.objects.get(pk=seller.pk).total_gigs == 1, what="bob's gig counted")
