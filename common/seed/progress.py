"""What every seed command shares: its progress (:mod:`common.progress`) and waiting for events to arrive."""

from __future__ import annotations

import time
from collections.abc import Callable

from common.progress import Progress, progress

__all__ = ["progress", "wait_for"]


def wait_for(count: Callable[[], int], *, expected: int, label: str, timeout: float = 1800) -> None:
    """Block until ``count()`` reaches ``expected`` (rows other services' events create), showing how far it is.

    Raises ``TimeoutError`` when nothing moved for ``timeout`` seconds.
    """
    with Progress(label, expected) as shown:
        last, last_change = 0, time.monotonic()
        while (current := count()) < expected:
            if current != last:
                shown.update(current)
                last, last_change = current, time.monotonic()
            elif time.monotonic() - last_change > timeout:
                raise TimeoutError(
                    f"{label}: stuck at {current}/{expected}; are the fleet's workers and relays running?"
                )
            time.sleep(0.5)
        shown.update(current)
