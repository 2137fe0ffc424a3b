"""A process without a database (the gateway's worker) applies each event at least once, duplicates absorbed in Redis."""

import uuid
from collections.abc import Iterator

import pytest

from common.events.catalog.auth import UserRegistered
from common.events.envelope import parse
from common.events.handlers import (
    REDIS_CLAIM_SECONDS,
    REDIS_INBOX_SECONDS,
    Handler,
    HandlerBusy,
    apply,
    redis_inbox_key,
)
from common.redis import get_redis
from common.testing.events import envelope_json

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES:UserWarning")

DORA = UserRegistered(user_id=7, username="dora", email="dora@example.com", country="Peru")


class Recorder:
    """A handler function that remembers what it saw, and can be told to fail."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.failures = 0

    def __call__(self, event: UserRegistered, envelope: object) -> None:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("push failed")
        self.seen.append(event.username)


@pytest.fixture(params=["empty", "dummy"])
def without_database(request, settings) -> None:
    # Django fills an empty DATABASES with its dummy backend once connections are set up.
    settings.DATABASES = {} if request.param == "empty" else {"default": {"ENGINE": "django.db.backends.dummy"}}


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def handler(recorder: Recorder) -> Handler:
    # Built by hand, not registered: the other tests' handler lists stay as they are.
    return Handler(f"tests.push_{uuid.uuid4().hex}", DORA.type, DORA.version, recorder)


@pytest.fixture
def body(handler: Handler) -> Iterator[str]:
    body = envelope_json(DORA)
    yield body
    get_redis().delete(redis_inbox_key(parse(body)[0], handler))


def test_a_delivered_event_is_applied_and_remembered_for_a_day(without_database, handler, recorder, body):
    assert apply(handler, body) is True

    key = redis_inbox_key(parse(body)[0], handler)
    assert recorder.seen == ["dora"]
    assert get_redis().get(key) == b"done"
    assert REDIS_INBOX_SECONDS - 5 < get_redis().ttl(key) <= REDIS_INBOX_SECONDS


def test_the_same_event_delivered_twice_is_applied_once(without_database, handler, recorder, body):
    assert apply(handler, body) is True
    assert apply(handler, body) is False

    assert recorder.seen == ["dora"]


def test_two_events_with_the_same_data_are_two_events(without_database, handler, recorder, body):
    other = envelope_json(DORA)
    try:
        assert [apply(handler, body), apply(handler, other)] == [True, True]
    finally:
        get_redis().delete(redis_inbox_key(parse(other)[0], handler))

    assert recorder.seen == ["dora", "dora"]


def test_a_failing_handler_leaves_no_mark_so_the_retry_applies_it(without_database, handler, recorder, body):
    recorder.failures = 1

    with pytest.raises(RuntimeError, match="push failed"):
        apply(handler, body)
    assert get_redis().exists(redis_inbox_key(parse(body)[0], handler)) == 0

    assert apply(handler, body) is True
    assert recorder.seen == ["dora"]


def test_a_delivery_while_another_runs_is_retried_later_not_dropped(without_database, handler, recorder, body):
    key = redis_inbox_key(parse(body)[0], handler)
    # What a worker killed mid-handler leaves behind: a claim that expires on its own.
    get_redis().set(key, b"running", ex=REDIS_CLAIM_SECONDS)

    with pytest.raises(HandlerBusy):
        apply(handler, body)
    assert recorder.seen == []

    get_redis().delete(key)  # the claim expired
    assert apply(handler, body) is True
    assert recorder.seen == ["dora"]


@pytest.mark.django_db
def test_with_a_database_the_inbox_stays_a_table(handler, recorder, body):
    from common.events.inbox.models import InboxEntry

    assert apply(handler, body) is True

    assert InboxEntry.objects.filter(handler=handler.name).count() == 1
    assert get_redis().exists(redis_inbox_key(parse(body)[0], handler)) == 0


def test_a_worker_without_a_database_still_consumes_its_events(without_database):
    from common.messaging.celery_app import make_celery_app
    from common.messaging.consumer import EventBridge

    app = make_celery_app("nodb", "common.testing")

    assert EventBridge in app.steps["consumer"]
