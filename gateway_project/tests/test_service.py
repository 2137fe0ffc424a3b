"""The gateway's worker handles exactly what SUBSCRIPTIONS["gateway"] binds its queue to (wildcards included)."""

from common.events import topology
from common.events.base import all_event_classes
from common.events.handlers import handled_types


def subscribed_types() -> set[str]:
    """Every live catalog event type the gateway's queue receives."""
    return {cls.type for cls in all_event_classes() if not cls.retired and "gateway" in topology.consumers_of(cls.type)}


def test_every_event_the_gateway_receives_has_a_handler():
    assert sorted(subscribed_types() - handled_types()) == []


def test_the_gateway_handles_nothing_it_does_not_receive():
    assert sorted(handled_types() - subscribed_types()) == []


def test_every_subscription_of_the_gateway_matches_a_handled_event():
    handled = handled_types()

    for key in topology.SUBSCRIPTIONS["gateway"]:
        assert any(topology._matches(key, type_) for type_ in handled), key
