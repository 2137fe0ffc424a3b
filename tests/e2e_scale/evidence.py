"""What the scale test reads once the load is over, each a count that must come out exact.

- The witness queue, bound to every routing key of the events exchange and never consumed,
  keeps one copy of every message the relays really published, duplicates included: the inboxes
  absorb a duplicate, so only here does a relay that published a row twice show.
- The outboxes (what was published since the run started, nothing left unsent) and the inboxes
  (chat's in PostgreSQL, the gateway workers' in Redis).
- The queues (drained, nothing dead-lettered) and the lines each process printed (who served a
  request, which relay published a row, which worker handled an event and how).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import redis
from kombu import Connection, Queue, binding

from common.events.topology import EXCHANGE
from common.fleet.databases import connect
from common.testing.broker import rabbitmqctl

WITNESS_QUEUE = "scale.witness"


def bind_witness(rabbitmq_url: str) -> None:
    """Declare the witness queue, bound to every event; before any relay publishes."""
    witness = Queue(WITNESS_QUEUE, bindings=[binding(EXCHANGE, routing_key="#")], durable=True)
    with Connection(rabbitmq_url, connect_timeout=5) as connection:
        witness.bind(connection.default_channel).declare()


def witnessed(rabbitmq_url: str) -> Counter[str]:
    """How many times each event id was published (read off the witness queue, which this empties)."""
    published: Counter[str] = Counter()
    with Connection(rabbitmq_url, connect_timeout=5) as connection:
        channel = connection.default_channel
        while (message := channel.basic_get(WITNESS_QUEUE, no_ack=True)) is not None:
            published[message.properties["message_id"]] += 1
    return published


def queue_depths(vhost: str) -> dict[str, int]:
    """Messages in each queue of ``vhost``, ready plus delivered but unacknowledged."""
    listed = rabbitmqctl("list_queues", "-p", vhost, "name", "messages", "--formatter", "json")
    if listed.returncode != 0:
        raise RuntimeError(f"rabbitmqctl list_queues failed: {listed.stderr}")
    return {queue["name"]: int(queue["messages"]) for queue in json.loads(listed.stdout or "[]")}


@dataclass(frozen=True)
class Databases:
    """Reads of the fleet's databases (``<prefix><service>``)."""

    prefix: str

    def rows(self, service: str, query: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        with connect(self.prefix + service) as connection:
            return connection.execute(query, params).fetchall()

    def published_since(self, service: str, moment: datetime) -> dict[str, dict[str, Any]]:
        """Event id → ``{"type", "data"}`` of every outbox row of ``service`` published after ``moment``."""
        rows = self.rows(service, "SELECT id, type, data FROM outbox_outboxmessage WHERE published_at >= %s", (moment,))
        return {str(event_id): {"type": type_, "data": data} for event_id, type_, data in rows}

    def unsent(self, service: str) -> int:
        [(count,)] = self.rows(service, "SELECT count(*) FROM outbox_outboxmessage WHERE published_at IS NULL")
        return int(count)

    def inbox(self, service: str, event_ids: set[str]) -> Counter[str]:
        """How many inbox rows of ``service`` name each of ``event_ids``."""
        rows = self.rows(
            service, "SELECT event_id FROM inbox_inboxentry WHERE event_id::text = ANY(%s)", (sorted(event_ids),)
        )
        return Counter(str(event_id) for (event_id,) in rows)

    def count(self, service: str, query: str, params: tuple[object, ...] = ()) -> int:
        [(number,)] = self.rows(service, query, params)
        return int(number)


def redis_inbox(redis_url: str, service: str, handler: str) -> dict[str, bytes]:
    """Event id → state (``done``, or a running claim) of ``handler`` in the Redis inbox of ``service``."""
    client = redis.Redis.from_url(redis_url)
    prefix = f"inbox:{service}:{handler}:"
    keys = list(client.scan_iter(match=prefix + "*", count=1000))
    states = client.mget(keys) if keys else []
    return {key.decode().removeprefix(prefix): state for key, state in zip(keys, states, strict=True)}


def lines_of(output: list[str], child: str) -> list[dict[str, Any]]:
    """The JSON log lines (ECS) the runner printed for its child ``child`` (``chat-2``, ``chat-relay``, ...)."""
    found = []
    for line in output:
        name, bar, text = line.partition("|")
        if bar and name.strip() == child and text.strip().startswith("{"):
            found.append(json.loads(text))
    return found


def ecs_field(line: dict[str, Any], name: str) -> Any:
    """The value of the ECS field ``name`` (``bazaar.event.outcome``) in a line, nested or dotted; None when absent."""
    if name in line:
        return line[name]
    head, dot, rest = name.partition(".")
    inner = line.get(head)
    return ecs_field(inner, rest) if dot and isinstance(inner, dict) else None


def tally(output: list[str], child: str, message: str, name: str) -> Counter[Any]:
    """The values of field ``name`` over ``child``'s lines saying ``message``."""
    return Counter(ecs_field(line, name) for line in lines_of(output, child) if line.get("message") == message)
