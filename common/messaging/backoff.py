"""How long a task waits before its next try: exponential backoff with jitter.

The jitter (±20 %) spreads the retries of many tasks that failed together, so a recovering
server (the broker, SMTP, Elasticsearch) is not hit by all of them at once.
"""

from __future__ import annotations

import random


def jittered_backoff(retries: int, *, base_seconds: float, max_seconds: float) -> float:
    """Seconds before try ``retries + 1``: base, 2×base, 4×base ... capped at ``max_seconds``, ±20 %."""
    # typeshed types an int to an int power as Any (a negative power is a fraction).
    backoff: float = min(base_seconds * 2**retries, max_seconds)
    return backoff * random.uniform(0.8, 1.2)
