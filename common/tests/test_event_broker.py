"""Through the real broker: outbox → relay → RabbitMQ → worker → handler, and dead letters.

A fresh vhost per module; the relay and the worker are real processes sharing this
test run's database.
"""

import json
import uuid

import pytest
from django.db import transaction

from common.events import outbox, topology
from common.events.catalog.auth import OtpRequested, UserRegistered
from common.events.inbox.models import InboxEntry
from common.events.outbox.models import OutboxMessage
from common.logging.context import correlated
from common.messaging import dead_letters
from common.testing import broker
from common.testing.ledger.models import LedgerEntry

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def vhost():
    return broker.fresh_vhost("bazaar_test_common")


@pytest.fixture
def fleet(vhost, settings):
    settings.RABBITMQ_URL = vhost
    env = broker.service_env(vhost, EVENT_MAX_RETRIES="2", EVENT_RETRY_BASE_SECONDS="0.2")
    with broker.running(broker.worker("common.testing", env), broker.relay("common.testing", env)) as processes:
        yield processes


def register(username):
    with transaction.atomic():
        outbox.publish(UserRegistered(user_id=1, username=username, email=f"{username}@example.com", country="Peru"))


def test_a_committed_event_reaches_the_handler_once_and_is_marked_sent(fleet):
    register("dora")

    broker.wait_until(lambda: LedgerEntry.objects.filter(username="dora").exists(), what="the handler")
    broker.wait_until(lambda: OutboxMessage.objects.filter(published_at__isnull=False).count() == 1, what="sent")
    assert InboxEntry.objects.count() == 1


def test_a_rolled_back_event_is_never_sent(fleet):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.publish(UserRegistered(user_id=1, username="ghost", email="ghost@example.com", country="Peru"))
        raise RuntimeError("the change failed")
    register("after")

    broker.wait_until(lambda: LedgerEntry.objects.filter(username="after").exists(), what="the next event")
    assert not LedgerEntry.objects.filter(username="ghost").exists()


def test_a_poison_event_is_dead_lettered_after_its_retries_and_replayed_once_fixed(fleet):
    register("poison-pill")

    broker.wait_until(lambda: len(dead_letters.list_dead_letters()) == 1, timeout=30, what="a dead letter")
    [letter] = dead_letters.list_dead_letters()
    assert letter.event_type == "auth.user.registered"
    assert letter.handler == "common.testing.ledger.handlers.record_registration"
    assert letter.attempts == 3
    assert letter.error == "PoisonedEvent: cannot record poison-pill"
    assert LedgerEntry.objects.count() == 0

    LedgerEntry.objects.create(event_id=uuid.uuid4(), username="fixed")
    assert [replayed.event_id for replayed in dead_letters.replay()] == [letter.event_id]

    broker.wait_until(lambda: LedgerEntry.objects.filter(username="poison-pill").count() == 1, what="the replay")
    assert dead_letters.list_dead_letters() == []


def test_a_message_that_is_not_an_event_is_dead_lettered_at_once(fleet, settings):
    from kombu import Producer

    from common.messaging.broker import broker_connection

    with broker_connection() as connection:
        Producer(connection.default_channel).publish(
            "{not json",
            exchange="",
            routing_key=topology.events_queue_name("common_tests"),
            content_type="application/json",
        )

    broker.wait_until(lambda: len(dead_letters.list_dead_letters()) == 1, what="a dead letter")
    [letter] = dead_letters.list_dead_letters()
    assert letter.body == "{not json"
    assert letter.error.startswith("not an event envelope")
    assert dead_letters.discard() == [letter]


def test_operators_list_show_and_replay_dead_letters_with_manage_py(fleet):
    from io import StringIO

    from django.core.management import call_command

    register("poison-command")
    broker.wait_until(lambda: len(dead_letters.list_dead_letters()) == 1, timeout=30, what="a dead letter")
    [letter] = dead_letters.list_dead_letters()

    def run(*args, err=None):
        out = StringIO()
        call_command("dead_letters", *args, stdout=out, stderr=err or StringIO())
        return out.getvalue()

    assert run("list").startswith(f"{letter.event_id}  auth.user.registered  ")
    assert "error:    PoisonedEvent: cannot record poison-command" in run("show", letter.event_id)
    LedgerEntry.objects.create(event_id=uuid.uuid4(), username="fixed")
    progress = StringIO()
    assert run("replay", letter.event_id, err=progress) == "replayed 1 dead letter(s)\n"
    assert progress.getvalue().startswith("replayed: 1/1 done in ")  # not a terminal: a plain line
    broker.wait_until(lambda: LedgerEntry.objects.filter(username="poison-command").exists(), what="the replay")
    assert run("list") == "no dead letters\n"


def request_code(username, code):
    with transaction.atomic():
        outbox.publish(
            OtpRequested(
                user_id=2, username=username, email=f"{username}@example.com", code=code, expires_in_minutes=10
            )
        )


def test_a_secret_field_never_reaches_the_workers_log_while_the_handler_still_gets_it(fleet):
    worker, relay = fleet
    request_code("carol", "493817")

    broker.wait_until(lambda: LedgerEntry.objects.filter(username="carol").exists(), what="the handler")
    broker.wait_until(lambda: "succeeded" in worker.tail(), what="the task's log line")
    assert "493817" not in "".join(worker.output + relay.output)


def test_a_dead_lettered_secret_is_kept_for_replay_but_never_printed(fleet):
    from io import StringIO

    from django.core.management import call_command

    worker, relay = fleet
    request_code("poison-carol", "730264")
    broker.wait_until(lambda: len(dead_letters.list_dead_letters()) == 1, timeout=30, what="a dead letter")
    [letter] = dead_letters.list_dead_letters()
    shown = StringIO()
    call_command("dead_letters", "show", letter.event_id, stdout=shown)
    listed = StringIO()
    call_command("dead_letters", "list", stdout=listed)

    assert "730264" not in "".join(worker.output + relay.output) + shown.getvalue() + listed.getvalue()
    assert '"code": "[secret]"' in shown.getvalue()
    LedgerEntry.objects.create(event_id=uuid.uuid4(), username="fixed")
    dead_letters.replay()
    broker.wait_until(lambda: LedgerEntry.objects.filter(username="poison-carol").exists(), what="the replay")


def test_the_worker_handles_an_event_under_the_request_id_it_carried_and_logs_one_line_for_it(fleet):
    worker, relay = fleet
    with correlated("signup-request-0001", None), transaction.atomic():
        event_id = str(
            outbox.publish(UserRegistered(user_id=1, username="traced", email="traced@example.com", country="Peru")).id
        )

    broker.wait_until(lambda: '"event handled"' in worker.tail(), what="the handler's line")
    lines = [json.loads(text) for text in worker.output if text.startswith("{")]
    [handled] = [line for line in lines if line["message"] == "event handled"]
    assert (handled["bazaar"], handled["http"]["request"]["id"]) == (
        {
            "event": {
                "type": "auth.user.registered",
                "handler": "common.testing.ledger.handlers.record_registration",
                "outcome": "applied",
            },
            "causation_id": event_id,
        },
        "signup-request-0001",
    )
    [succeeded] = [line for line in lines if "succeeded" in line["message"]]
    assert (succeeded["http"]["request"]["id"], succeeded["bazaar"]["causation_id"]) == (
        "signup-request-0001",
        event_id,
    )
    [published] = [json.loads(text) for text in relay.output if '"event published"' in text]
    assert (published["http"]["request"]["id"], published["bazaar"]["event"]["id"]) == ("signup-request-0001", event_id)
