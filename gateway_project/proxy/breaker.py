"""A per-service circuit breaker: stop calling a service that keeps failing, then probe it.

Closed: every call goes through; ``threshold`` consecutive failures open it. Open: calls
are refused without touching the network until ``reset_seconds`` have passed. Half-open:
one trial call goes through; its success closes the circuit, its failure re-opens it.
State is per process: each gateway worker learns on its own, which needs no coordination.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half_open"


class CircuitBreaker:
    """Consecutive-failure circuit breaker (not thread-safe: use one per event loop)."""

    def __init__(self, threshold: int, reset_seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.threshold = max(threshold, 1)
        self.reset_seconds = reset_seconds
        self._clock = clock
        self.failures = 0
        self._opened_at = 0.0
        self._trial_started = 0.0
        self.state = CLOSED

    def allow(self) -> bool:
        """True when a call may go through now (in half-open state, only one trial)."""
        if self.state == CLOSED:
            return True
        now = self._clock()
        if self.state == OPEN:
            if now - self._opened_at < self.reset_seconds:
                return False
            self.state = HALF_OPEN
            self._trial_started = now
            return True
        # Half-open: a trial is in flight; let another through only if that one got lost.
        if now - self._trial_started >= self.reset_seconds:
            self._trial_started = now
            return True
        return False

    def retry_after(self) -> int:
        """Whole seconds until the circuit lets a trial call through."""
        remaining = self.reset_seconds - (self._clock() - self._opened_at)
        return max(math.ceil(remaining), 1)

    def record_success(self) -> None:
        """A call succeeded: close the circuit."""
        self.failures = 0
        self.state = CLOSED

    def record_failure(self) -> None:
        """A call failed: count it, and open the circuit at the threshold (or after a failed trial)."""
        self.failures += 1
        if self.state == HALF_OPEN or self.failures >= self.threshold:
            self.state = OPEN
            self._opened_at = self._clock()
