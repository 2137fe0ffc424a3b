"""users' worker SIGKILLed in the middle of a stream of registrations, then started again."""

from common.testing.broker import wait_until

EVENTS = 1000
# Commits for 10 s; users applies them more slowly, so the kill lands while events keep coming.
RATE = 100


def test_a_worker_killed_mid_stream_loses_no_event_and_applies_none_twice(fleet, report):
    fleet.start_relay()
    worker = fleet.start_worker()
    producer = fleet.produce(EVENTS, rate=RATE)

    wait_until(lambda: fleet.databases.profiles() >= EVENTS // 4, timeout=60, what="a quarter of the profiles")
    fleet.kill(worker)
    applied_before_the_kill = fleet.databases.profiles()
    fleet.start_worker()
    producer.finish()
    tally = fleet.settle(EVENTS)

    report(tally, f"worker killed after {applied_before_the_kill} profiles")
    assert applied_before_the_kill < EVENTS
    tally.assert_exactly_once(EVENTS)
    assert tally.published == EVENTS
