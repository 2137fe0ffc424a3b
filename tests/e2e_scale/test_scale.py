"""Horizontal scale under load: two chat replicas, two relays on chat's outbox, two gateways and two of their workers.

Twelve members sign up, half through each gateway, and keep a websocket open on both gateways
(a phone and a laptop). Then all of them post ten messages at once to one another, each
through the gateway it signed up on. Once everything has settled every count must be exact:
each message was stored, published once (the witness queue), consumed once (the inboxes, no
duplicate handled, nothing dead-lettered) and arrived exactly once on each connection of its
sender and of its recipient. And the load really was shared: both chat replicas served posts,
both relays published rows and both gateway workers pushed frames.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest

from tests.e2e.marketplace import MESSAGES, Member, sign_up
from tests.e2e.realtime_clients import WebSocketFrames, ticket_for
from tests.e2e_scale.conftest import DB_PREFIX, GATEWAYS, REDIS_URL, VHOST
from tests.e2e_scale.evidence import Databases, ecs_field, lines_of, queue_depths, redis_inbox, tally, witnessed
from tests.running_fleet import Fleet

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

MEMBERS = 12
MESSAGES_EACH = 10
PUSH_MESSAGE = "gateway_project.realtime.handlers.push_message"
DELIVERY_SECONDS = 60
# Listening on after the last expected frame: a duplicate pushed late would arrive by then.
QUIET_SECONDS = 1.5


@dataclass
class Device:
    """One member's websocket on one gateway, and the id of every ``chat.message`` frame it received."""

    member: Member
    gateway: str
    frames: WebSocketFrames
    received: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.member.username}@{self.gateway}"

    def listen(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self.received.extend(data["message_id"] for data in self.frames.take_all("chat.message", within=0.2))


@dataclass(frozen=True)
class Sent:
    """A message one member posted to another, and the id chat gave it."""

    sender: Member
    recipient: Member
    id: int

    def concerns(self, member: Member) -> bool:
        return member in (self.sender, self.recipient)


def sign_up_everyone(fleet: Fleet) -> list[Member]:
    """``MEMBERS`` members, alternately through each gateway (which their browsers keep).

    One after the other: hashing a password is the slowest request there is, and it is not
    the load this test is about.
    """
    return [sign_up(fleet, f"scale{i}_", via=GATEWAYS[i % 2]) for i in range(MEMBERS)]


def settle(condition: Callable[[], bool], timeout: float) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` passes; whether it held (the exact checks say what went wrong)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


@contextlib.contextmanager
def devices_listening(members: list[Member]) -> Iterator[list[Device]]:
    """A websocket per member on each gateway, each read by a thread of its own until the block ends."""
    stop = threading.Event()
    devices: list[Device] = []
    threads: list[threading.Thread] = []
    try:
        for member in members:
            for gateway in GATEWAYS:
                devices.append(Device(member, gateway, WebSocketFrames.open(gateway, ticket_for(member.browser))))
                # Sent once the socket joined its user's group: no push from then on can miss it.
                devices[-1].frames.receive("presence.online")
        threads = [threading.Thread(target=device.listen, args=(stop,), daemon=True) for device in devices]
        for thread in threads:
            thread.start()
        yield devices
    finally:
        stop.set()
        for thread in threads:
            thread.join(5)
        for device in devices:
            with contextlib.suppress(Exception):
                device.frames.close()


def post_at_once(members: list[Member]) -> list[Sent]:
    """Every member posts ``MESSAGES_EACH`` messages to the next members round the table, all members at once."""

    def post_from(index: int) -> list[Sent]:
        sender, sent = members[index], []
        for step in range(1, MESSAGES_EACH + 1):
            recipient = members[(index + step) % MEMBERS]
            response = sender.browser.post(MESSAGES, json={"to": recipient.username, "body": f"load {index}.{step}"})
            assert response.status_code == 201, response.text
            sent.append(Sent(sender, recipient, response.json()["id"]))
        return sent

    with ThreadPoolExecutor(MEMBERS) as pool:
        return [message for batch in pool.map(post_from, range(MEMBERS)) for message in batch]


def expected_frames(devices: list[Device], sent: list[Sent]) -> dict[str, Counter[int]]:
    """Each device's due: every message its member sent or received, once."""
    return {device.label: Counter(m.id for m in sent if m.concerns(device.member)) for device in devices}


def received_frames(devices: list[Device]) -> dict[str, Counter[int]]:
    return {device.label: Counter(device.received) for device in devices}


def drained(databases: Databases) -> bool:
    """Nothing left in an outbox, nor in the queues of the processes that run."""
    if databases.unsent("auth") or databases.unsent("chat"):
        return False
    return not any(depth for queue, depth in queue_depths(VHOST).items() if queue.split(".")[0] in ("chat", "gateway"))


@dataclass
class Load:
    """What the load did and left behind, read once it settled."""

    devices: list[Device]
    sent: list[Sent]
    due: dict[str, Counter[int]]
    published: dict[str, dict[str, Any]]  # event id → type and data, every outbox row sent during the run
    witnessed: Counter[str]  # event id → how many times RabbitMQ got it
    signups: set[str]  # event ids of the members' auth.user.registered
    output: list[str]
    seconds: tuple[float, float]  # to post everything, to deliver every frame

    def events(self, event_type: str) -> set[str]:
        return {event_id for event_id, row in self.published.items() if row["type"] == event_type}


@pytest.fixture(scope="module")
def load(fleet: Fleet, started_at: datetime) -> Load:
    """Members on both gateways, every message posted at once, and everything settled."""
    databases = Databases(DB_PREFIX)
    members = sign_up_everyone(fleet)
    usernames = [member.username for member in members]
    chat_knows = "SELECT count(*) FROM chat_chatuser WHERE username = ANY(%s)"
    assert settle(lambda: databases.count("chat", chat_knows, (usernames,)) == MEMBERS, timeout=30)
    with devices_listening(members) as devices:
        began = time.monotonic()
        sent = post_at_once(members)
        posted = time.monotonic() - began
        due = expected_frames(devices, sent)
        settle(lambda: all(len(d.received) >= sum(due[d.label].values()) for d in devices), DELIVERY_SECONDS)
        delivered = time.monotonic() - began
        settle(lambda: drained(databases), timeout=30)
        time.sleep(QUIET_SECONDS)
    published = {**databases.published_since("auth", started_at), **databases.published_since("chat", started_at)}
    signups = {
        event_id
        for event_id, row in published.items()
        if row["type"] == "auth.user.registered" and row["data"]["username"] in usernames
    }
    witness = witnessed(fleet.env["RABBITMQ_URL"])
    return Load(devices, sent, due, published, witness, signups, fleet.output, (posted, delivered))


def test_every_connection_of_the_sender_and_of_the_recipient_gets_each_message_exactly_once(load):
    assert len({message.id for message in load.sent}) == len(load.sent) == MEMBERS * MESSAGES_EACH
    assert received_frames(load.devices) == load.due


def test_each_message_is_one_outbox_row_and_nothing_is_left_unsent(load):
    rows = load.events("chat.message.sent")

    assert sorted(load.published[event_id]["data"]["message_id"] for event_id in rows) == sorted(
        message.id for message in load.sent
    )
    assert Databases(DB_PREFIX).unsent("chat") == Databases(DB_PREFIX).unsent("auth") == 0


def test_two_relays_on_one_outbox_publish_every_row_exactly_once(load):
    assert load.witnessed == Counter(list(load.published))


def test_each_event_is_consumed_exactly_once_and_none_is_dead_lettered(load):
    pushed = redis_inbox(REDIS_URL, "gateway", PUSH_MESSAGE)
    workers = ("chat-worker", "chat-worker-2", "gateway-worker", "gateway-worker-2")
    # Every handler run of the four workers: none found its event already handled, none retried.
    outcomes = sum(
        (tally(load.output, worker, "event handled", "bazaar.event.outcome") for worker in workers), Counter()
    )
    dead = {queue: depth for queue, depth in queue_depths(VHOST).items() if queue.endswith(".dead") and depth}

    assert pushed == dict.fromkeys(load.events("chat.message.sent"), b"done")
    assert len(load.signups) == MEMBERS
    assert Databases(DB_PREFIX).inbox("chat", load.signups) == Counter(load.signups)
    assert outcomes == Counter({"applied": len(load.sent) + len(load.signups)})
    assert dead == {}


def test_both_chat_replicas_both_relays_and_both_gateway_workers_took_a_share(load):
    posts = {replica: posts_served(load.output, replica) for replica in ("chat", "chat-2")}
    relayed = {relay: published_by(load.output, relay) for relay in ("chat-relay", "chat-relay-2")}
    pushed = {worker: pushes(load.output, worker) for worker in ("gateway-worker", "gateway-worker-2")}
    chat_rows = {event_id for event_id, row in load.published.items() if row["type"].startswith("chat.")}

    assert sum(posts.values()) == len(load.sent) and all(posts.values()), posts
    assert relayed["chat-relay"].isdisjoint(relayed["chat-relay-2"])
    assert relayed["chat-relay"] | relayed["chat-relay-2"] == chat_rows
    assert all(relayed.values()), {relay: len(ids) for relay, ids in relayed.items()}
    assert sum(pushed.values()) == len(load.sent) and all(pushed.values()), pushed
    posted, delivered = load.seconds
    print(
        f"{len(load.sent)} messages from {MEMBERS} members posted in {posted:.1f}s, every frame on "
        f"{len(load.devices)} sockets within {delivered:.1f}s; posts per chat replica {posts}; rows per relay "
        f"{ {relay: len(ids) for relay, ids in relayed.items()} }; pushes per gateway worker {pushed}"
    )


def posts_served(output: list[str], replica: str) -> int:
    """How many ``POST /messages`` a chat replica answered."""
    return sum(
        1
        for line in lines_of(output, replica)
        if line.get("message") == "request"
        and ecs_field(line, "http.request.method") == "POST"
        and ecs_field(line, "bazaar.route").endswith("messages")
    )


def published_by(output: list[str], relay: str) -> set[str]:
    """The event ids a relay published."""
    return set(tally(output, relay, "event published", "bazaar.event.id"))


def pushes(output: list[str], worker: str) -> int:
    """How many ``chat.message.sent`` events a gateway worker applied (pushed)."""
    return sum(
        1
        for line in lines_of(output, worker)
        if line.get("message") == "event handled"
        and ecs_field(line, "bazaar.event.handler") == PUSH_MESSAGE
        and ecs_field(line, "bazaar.event.outcome") == "applied"
    )
