"""RabbitMQ stopped and started again while auth keeps committing registrations."""

from common.testing.broker import wait_until
from tests.reliability.harness import rabbitmq_stopped

EVENTS_BEFORE = 300
EVENTS_DURING = 300
EVENTS = EVENTS_BEFORE + EVENTS_DURING
# Faster than users applies them: a backlog keeps the worker's event bridge publishing
# tasks when RabbitMQ goes away, the moment a worker is most likely to mishandle.
RATE = 100
COMMITTED_BEFORE_THE_STOP = 100
COMMITTED_WHILE_DOWN = 100


def test_rabbitmq_restarted_mid_stream_loses_no_event_and_the_fleet_recovers_alone(fleet, report):
    fleet.start_relay()
    fleet.start_worker()
    first_stream = fleet.produce(EVENTS_BEFORE, rate=RATE, tag="before")
    wait_until(lambda: fleet.databases.committed_events() >= COMMITTED_BEFORE_THE_STOP, what="the first commits")

    with rabbitmq_stopped():
        # A second stream starts once RabbitMQ is down, however long stopping it took.
        first_stream.finish()
        second_stream = fleet.produce(EVENTS_DURING, rate=RATE, tag="during")
        wait_until(
            lambda: fleet.databases.committed_events() >= EVENTS_BEFORE + COMMITTED_WHILE_DOWN,
            what="auth to keep committing while RabbitMQ is down",
        )
        committed_while_down = fleet.databases.committed_events() - EVENTS_BEFORE
    second_stream.finish()
    tally = fleet.settle(EVENTS, timeout=90)

    report(tally, f"at least {committed_while_down} events committed while RabbitMQ was down")
    tally.assert_exactly_once(EVENTS)
