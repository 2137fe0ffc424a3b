"""Every part of the fleet that scales, run twice at once, on its own ports, databases, Redis database and vhost.

``python -m common.fleet.up --only gateway,auth,chat --replicas chat=2,gateway=2``: two chat
web replicas behind chat's one port (``SO_REUSEPORT``, as pods behind one Service), two outbox
relays on chat's one outbox table, two chat workers, two gateway processes on ports of their
own (as the Ingress reaches each gateway pod) and two gateway workers pushing through the one
Redis channel layer. Auth, once, signs the members up; chat and real time need nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from common.fleet.replicas import replica_port
from common.fleet.services import get
from common.testing.broker import fresh_vhost
from tests.e2e_scale.evidence import bind_witness
from tests.running_fleet import Fleet, launch_runner, runner_env, stop_fleet, wait_until_ready

# Below Linux's ephemeral range like tests/e2e's (28000-28007): gateways 27000 and 27100, auth
# 27001, chat 27004 (both replicas).
PORT_OFFSET = 19000
DB_PREFIX = "bazaar_scale_"
# Its own Redis database, emptied at start (the gateway workers' inbox keys are counted).
REDIS_URL = "redis://127.0.0.1:6379/10"
# Its own vhost, made empty at start, with the witness queue bound before any relay runs.
VHOST = "bazaar_scale"
ONLY = "gateway,auth,chat"
REPLICAS = {"chat": 2, "gateway": 2}
GATEWAYS = tuple(f"http://127.0.0.1:{replica_port(get('gateway'), r) + PORT_OFFSET}" for r in (1, 2))


@pytest.fixture(scope="package")
def started_at() -> datetime:
    """Just before the fleet starts: every event published from then on belongs to this run."""
    return datetime.now(UTC)


@pytest.fixture(scope="package")
def fleet(started_at: datetime) -> Iterator[Fleet]:
    """The fleet with its replicas, running for real; stopped after the last test of the package."""
    rabbitmq_url = fresh_vhost(VHOST)
    bind_witness(rabbitmq_url)
    env = runner_env(
        port_offset=PORT_OFFSET,
        db_prefix=DB_PREFIX,
        redis_url=REDIS_URL,
        RABBITMQ_URL=rabbitmq_url,
        # Every request comes from 127.0.0.1 and each member posts a burst: the budgets are
        # proven by the gateway's suite.
        RATE_LIMIT_PER_IP="100000",
        RATE_LIMIT_PER_USER="100000",
    )
    replicas = ",".join(f"{name}={count}" for name, count in REPLICAS.items())
    running = Fleet(launch_runner("--only", ONLY, "--replicas", replicas, env=env), GATEWAYS[0], env)
    wait_until_ready(running)
    yield running
    stop_fleet(running)
