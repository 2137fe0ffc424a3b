"""The relay sends committed rows with confirms, marks them sent, and keeps them when it cannot."""

import json
import logging
from datetime import timedelta

import pytest
from amqp.exceptions import RecoverableConnectionError
from django.db import transaction
from django.utils import timezone
from kombu import Producer, Queue

from common.events import outbox, topology
from common.events.catalog.auth import OtpRequested, UserRegistered
from common.events.inbox.models import InboxEntry
from common.events.outbox.models import OutboxMessage
from common.logging.context import correlated
from common.messaging.broker import broker_connection
from common.messaging.relay import Unconfirmed, purge_old_rows, relay_batch
from common.testing import broker

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def vhost():
    return broker.fresh_vhost("bazaar_test_relay")


@pytest.fixture
def listener(vhost, settings):
    """A queue bound to every auth event on the test vhost, and a producer for the relay."""
    settings.RABBITMQ_URL = vhost
    with broker_connection() as connection:
        topology.EXCHANGE.bind(connection.default_channel).declare()
        queue = Queue("relay-test", exchange=topology.EXCHANGE, routing_key="auth.#", auto_delete=False)
        bound = queue.bind(connection.default_channel)
        bound.declare()
        bound.purge()
        yield Producer(connection.default_channel), bound


def register(username):
    with transaction.atomic():
        outbox.publish(UserRegistered(user_id=1, username=username, email=f"{username}@example.com", country="Peru"))


def test_the_relay_sends_unsent_rows_oldest_first_as_persistent_envelopes_and_marks_them_sent(listener):
    producer, queue = listener
    register("first")
    register("second")

    assert relay_batch(producer, batch_size=10) == 2

    messages = [queue.get(no_ack=True) for _ in range(2)]
    assert [json.loads(m.body)["data"]["username"] for m in messages] == ["first", "second"]
    assert messages[0].delivery_info["routing_key"] == "auth.user.registered"
    assert messages[0].properties["delivery_mode"] == 2
    assert json.loads(messages[0].body) == OutboxMessage.objects.order_by("occurred_at")[0].envelope()
    assert OutboxMessage.objects.filter(published_at__isnull=True).count() == 0


def test_the_relay_sends_at_most_a_batch_per_round(listener):
    producer, _ = listener
    for name in ("a", "b", "c"):
        register(name)

    assert relay_batch(producer, batch_size=2) == 2
    assert relay_batch(producer, batch_size=2) == 1
    assert relay_batch(producer, batch_size=2) == 0


def test_rows_stay_unsent_when_the_broker_connection_is_lost(listener):
    producer, _ = listener
    register("kept")
    producer.channel.connection.client.close()

    with pytest.raises(RecoverableConnectionError):
        relay_batch(producer, batch_size=10)

    assert OutboxMessage.objects.filter(published_at__isnull=True).count() == 1


def test_housekeeping_purges_only_rows_past_their_retention(settings):
    settings.OUTBOX_RETENTION_DAYS = 7
    settings.INBOX_RETENTION_DAYS = 30
    register("old")
    register("recent")
    register("unsent")
    now = timezone.now()
    OutboxMessage.objects.filter(data__username="old").update(published_at=now - timedelta(days=8))
    OutboxMessage.objects.filter(data__username="recent").update(published_at=now - timedelta(days=6))
    old_entry = InboxEntry.objects.create(event_id="00000000-0000-0000-0000-000000000001", handler="h", event_type="t")
    InboxEntry.objects.filter(pk=old_entry.pk).update(applied_at=now - timedelta(days=31))
    InboxEntry.objects.create(event_id="00000000-0000-0000-0000-000000000002", handler="h", event_type="t")

    assert purge_old_rows() == (1, 1)
    assert sorted(OutboxMessage.objects.values_list("data__username", flat=True)) == ["recent", "unsent"]
    assert InboxEntry.objects.count() == 1


def test_a_sent_event_keeps_no_secret_in_the_outbox_but_the_message_carried_it(listener):
    producer, queue = listener
    with transaction.atomic():
        outbox.publish(
            OtpRequested(user_id=1, username="dora", email="d@example.com", code="123456", expires_in_minutes=10)
        )

    relay_batch(producer, batch_size=10)

    assert json.loads(queue.get(no_ack=True).body)["data"]["code"] == "123456"
    assert OutboxMessage.objects.get().data == {
        "user_id": 1,
        "username": "dora",
        "email": "d@example.com",
        "code": "[sent]",
        "expires_in_minutes": 10,
    }


def test_the_relay_sends_the_rows_request_and_causation_ids_as_headers_and_logs_them(listener, caplog):
    producer, queue = listener
    with correlated("request-from-gateway-1", None):
        register("from-a-request")
    with correlated("request-from-gateway-1", "6f1c1f0e-8d47-4a53-9a51-0c2b4e0f7a10"):
        register("from-a-handler")
    with correlated(None, None):
        register("from-nowhere")

    with correlated(None, None), caplog.at_level(logging.INFO, logger="common.messaging.relay"):
        relay_batch(producer, batch_size=10)

    headers = [queue.get(no_ack=True).headers for _ in range(3)]
    assert [{k: v for k, v in h.items() if k.startswith("x-")} for h in headers] == [
        {"x-request-id": "request-from-gateway-1"},
        {"x-request-id": "request-from-gateway-1", "x-causation-id": "6f1c1f0e-8d47-4a53-9a51-0c2b4e0f7a10"},
        {},
    ]
    published = [r for r in caplog.records if r.getMessage() == "event published"]
    assert [(r.request_id, r.causation_id) for r in published] == [
        ("request-from-gateway-1", None),
        ("request-from-gateway-1", "6f1c1f0e-8d47-4a53-9a51-0c2b4e0f7a10"),
        (None, None),
    ]
    assert [r.event_id for r in published] == [str(m.id) for m in OutboxMessage.objects.order_by("occurred_at")]


def test_a_batch_the_broker_refuses_in_part_stays_unsent_as_a_whole(listener, vhost):
    producer, _ = listener
    # A queue that takes one message and makes the broker nack any further one.
    full = Queue(
        "relay-test-full",
        exchange=topology.EXCHANGE,
        routing_key="auth.#",
        auto_delete=False,
        queue_arguments={"x-max-length": 1, "x-overflow": "reject-publish"},
    ).bind(producer.channel)
    full.declare()
    full.purge()
    register("taken")
    register("refused")

    try:
        with pytest.raises(Unconfirmed):
            relay_batch(producer, batch_size=10)
    finally:
        full.delete()

    assert OutboxMessage.objects.filter(published_at__isnull=True).count() == 2
