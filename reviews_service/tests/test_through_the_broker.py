"""Through the real broker: a completed order arrives, and the review written on it leaves.

The relay and the worker are real processes in a fresh vhost, sharing this test run's
database. ``orders.order.completed`` is written to the reviews database's own outbox: the
relay sends any committed row, whoever produced it, so this stands in for the orders
service's relay.
"""

import json

import pytest
from django.db import transaction

from common.events import outbox
from common.events.outbox.models import OutboxMessage
from common.testing import broker
from reviews_service.reviews.models import CompletedOrder
from reviews_service.tests.conftest import ORDER_ID, order_completed

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reviews_processes(settings):
    vhost = broker.fresh_vhost("bazaar_test_reviews")
    settings.RABBITMQ_URL = vhost
    env = broker.service_env(vhost)
    with broker.running(broker.worker("reviews_service", env), broker.relay("reviews_service", env)) as processes:
        yield processes


def test_an_order_completed_through_the_broker_is_reviewed_and_the_review_is_sent(reviews_processes, api_client_as):
    with transaction.atomic():
        outbox.publish(order_completed())

    broker.wait_until(lambda: CompletedOrder.objects.filter(order_id=ORDER_ID).exists(), what="the completed order")
    body = json.dumps({"order_id": str(ORDER_ID), "rating": 5, "comment": "Great"})
    response = api_client_as("alice").post("/api/v1/reviews", body, content_type="application/json")

    assert response.status_code == 201
    review_sent = OutboxMessage.objects.filter(type="reviews.review.created", published_at__isnull=False)
    broker.wait_until(review_sent.exists, what="reviews.review.created sent by the relay")
