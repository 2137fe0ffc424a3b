"""Through the real broker: an auth event in the outbox → relay → RabbitMQ → worker → SMTP server.

The relay and the worker are real processes sharing this test run's database; the SMTP
server runs in this process.
"""

import pytest
from django.db import transaction

from common.events import outbox
from common.testing import broker
from notifications_service.notifications.models import Notification, OutgoingEmail
from notifications_service.tests.factories import TOKEN, verification_requested

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def vhost():
    return broker.fresh_vhost("bazaar_test_notifications")


@pytest.fixture
def fleet(vhost, smtp_server):
    env = broker.service_env(vhost, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_server.port))
    worker = broker.worker("notifications_service", env)
    relay = broker.relay("notifications_service", env)
    with broker.running(worker, relay) as processes:
        yield processes


def test_a_verification_request_reaches_the_mailbox_once(fleet, smtp_server):
    with transaction.atomic():
        outbox.publish(verification_requested())

    broker.wait_until(lambda: len(smtp_server.messages) == 1, timeout=60, what="the email")
    broker.wait_until(lambda: OutgoingEmail.objects.filter(status="sent").count() == 1, what="the row marked sent")
    [message] = smtp_server.messages
    assert message["To"] == "dora <dora@example.com>"
    assert message["Subject"] == "Verify your email address"
    assert f"/verify-email?token={TOKEN}" in message.get_body(("plain",)).get_content()
    assert list(Notification.objects.values_list("title", flat=True)) == ["Verify your email"]
    assert OutgoingEmail.objects.get().attempts == 1
