"""auth's relay dead between commit and publish, then dead between publish and marking sent."""

from common.testing.broker import wait_until

EVENTS = 500
BATCH = 50
DIE_AFTER = 130  # two batches marked sent, the third dies after 30 of its publishes
PUBLISHED_TWICE = DIE_AFTER % BATCH


def test_a_relay_killed_before_and_after_publishing_loses_no_event_and_applies_none_twice(fleet, report):
    fleet.relay_env["RELAY_BATCH_SIZE"] = str(BATCH)
    fleet.start_worker()

    fleet.produce(EVENTS).finish()  # committed while no relay runs
    assert fleet.databases.unsent_events() == EVENTS
    assert fleet.broker.published() == 0

    assert fleet.run_crashing_relay(die_after=DIE_AFTER) == 9
    assert fleet.broker.published() == DIE_AFTER
    assert fleet.databases.unsent_events() == EVENTS - (DIE_AFTER - PUBLISHED_TWICE)

    fleet.start_relay()
    tally = fleet.settle(EVENTS)
    wait_until(lambda: fleet.databases.unsent_events() == 0, what="every outbox row marked sent")

    report(tally, f"relay died after {DIE_AFTER} publishes, {tally.duplicates_published} duplicates on the wire")
    tally.assert_exactly_once(EVENTS)
    assert tally.published == EVENTS + PUBLISHED_TWICE
    assert tally.redeliveries_absorbed == PUBLISHED_TWICE
