"""The users service's handlers and its queue's bindings in ``common.events.topology`` agree."""

from common.events.handlers import handled_types
from common.events.topology import SUBSCRIPTIONS


def test_every_subscribed_event_has_a_handler_and_every_handler_is_subscribed():
    assert handled_types() == set(SUBSCRIPTIONS["users"]) == {"auth.user.registered", "auth.email.verified"}
