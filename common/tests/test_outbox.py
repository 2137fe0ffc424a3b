"""publish(event) writes the envelope's row in the caller's transaction, or refuses."""

import pytest
from django.db import transaction
from pydantic import ValidationError

from common.events import outbox
from common.events.base import event_class
from common.events.catalog.auth import UserRegistered
from common.events.outbox.models import OutboxMessage
from common.events.outbox.writer import PublishOutsideTransaction

pytestmark = pytest.mark.django_db(transaction=True)

EVENT = UserRegistered(user_id=7, username="alice", email="alice@example.com", country="Peru")


def test_an_event_published_in_a_transaction_is_stored_with_its_envelope():
    with transaction.atomic():
        outbox.publish(EVENT)

    envelope = OutboxMessage.objects.get().envelope()
    assert envelope["type"] == "auth.user.registered"
    assert envelope["version"] == 1
    assert envelope["producer"] == "auth"
    assert envelope["data"] == {"user_id": 7, "username": "alice", "email": "alice@example.com", "country": "Peru"}


def test_an_event_rolls_back_with_its_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.publish(EVENT)
        raise RuntimeError("the change failed")

    assert OutboxMessage.objects.count() == 0


def test_publishing_outside_a_transaction_is_refused():
    with pytest.raises(PublishOutsideTransaction):
        outbox.publish(EVENT)

    assert OutboxMessage.objects.count() == 0


def test_an_event_with_an_unknown_field_is_refused():
    with pytest.raises(ValidationError):
        UserRegistered(user_id=7, username="alice", email="a@example.com", country="Peru", admin=True)


def test_event_types_are_found_by_routing_key():
    assert event_class("auth.user.registered") is UserRegistered
