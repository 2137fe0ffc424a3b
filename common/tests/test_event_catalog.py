"""The catalog is the contract: named by the rules, snapshotted, documented, fully subscribed."""

import re

import pytest

from common.events import docs, topology
from common.events.base import all_event_classes

ROUTING_KEY = re.compile(r"^[a-z]+\.[a-z_]+\.[a-z_]+$")
CLASSES = all_event_classes()


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.type)
def test_every_event_is_named_producer_entity_verb_and_declared_in_its_producers_module(cls):
    assert ROUTING_KEY.match(cls.type)
    assert cls.__module__ == f"common.events.catalog.{cls.producer_name()}"


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.type)
def test_every_event_refuses_unknown_fields(cls):
    assert cls.model_json_schema().get("additionalProperties") is False


def test_the_committed_schema_snapshots_match_the_catalog():
    committed = {path.name: path.read_text() for path in docs.SNAPSHOTS.glob("*.json")}

    assert committed == docs.snapshots(), "run: python -m common.events.docs --write"


def test_docs_events_md_matches_the_catalog():
    assert docs.DOC.read_text() == docs.render(), "run: python -m common.events.docs --write"


def test_every_subscription_names_a_declared_event():
    declared = {cls.type for cls in CLASSES}

    for service, keys in topology.SUBSCRIPTIONS.items():
        # A pattern (``orders.order.*``) must match at least one declared event.
        unmatched = [key for key in keys if not any(topology._matches(key, type_) for type_ in declared)]
        assert unmatched == [], f"{service} subscribes to undeclared events"


@pytest.mark.parametrize(
    ("pattern", "key", "matches"),
    [
        ("auth.user.registered", "auth.user.registered", True),
        ("orders.order.*", "orders.order.placed", True),
        ("orders.#", "orders.order.placed", True),
        ("orders.order.*", "orders.order", False),
        ("#", "auth.user.registered", True),
        ("auth.*.verified", "auth.email.verified", True),
        ("auth.*", "auth.email.verified", False),
    ],
)
def test_topic_patterns_match_like_rabbitmq(pattern, key, matches):
    assert topology._matches(pattern, key) is matches
