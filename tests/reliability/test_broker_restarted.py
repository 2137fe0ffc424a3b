"""RabbitMQ stopped and started again while auth keeps committing registrations."""

from common.testing.broker import wait_until
from tests.reliability.harness import rabbitmq_stopped

EVENTS = 600
# Faster than users applies them: a backlog keeps the worker's event bridge publishing
# tasks when RabbitMQ goes away, the moment a worker is most likely to mishandle.
RATE = 100
COMMITTED_BEFORE_THE_STOP = 100
COMMITTED_WHILE_DOWN = 100


def test_rabbitmq_restarted_mid_stream_loses_no_event_and_the_fleet_recovers_alone(fleet, report):
    fleet.start_relay()
    fleet.start_worker()
    producer = fleet.produce(EVENTS, rate=RATE)
    wait_until(lambda: fleet.databases.committed_events() >= COMMITTED_BEFORE_THE_STOP, what="the first commits")

    with rabbitmq_stopped():
        committed_at_stop = fleet.databases.committed_events()
        wait_until(
            lambda: fleet.databases.committed_events() >= committed_at_stop + COMMITTED_WHILE_DOWN,
            timeout=30,
            what="auth to keep committing while RabbitMQ is down",
        )
        committed_while_down = fleet.databases.committed_events() - committed_at_stop
    producer.finish()
    tally = fleet.settle(EVENTS, timeout=90)

    report(tally, f"{committed_while_down} events committed while RabbitMQ was down")
    assert committed_at_stop < EVENTS - COMMITTED_WHILE_DOWN
    tally.assert_exactly_once(EVENTS)
