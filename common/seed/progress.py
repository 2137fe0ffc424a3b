"""What every seed command shares: a progress bar and waiting for events to arrive."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], *, total: int, label: str) -> Iterator[T]:
    """``items`` with a progress bar on stderr (tqdm, a dev dependency like Faker)."""
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc=label, unit="", dynamic_ncols=True, mininterval=0.5)


def wait_for(count: Callable[[], int], *, expected: int, label: str, timeout: float = 1800) -> None:
    """Block until ``count()`` reaches ``expected`` (rows other services' events create), with a bar.

    Raises ``TimeoutError`` when nothing moved for ``timeout`` seconds.
    """
    from tqdm import tqdm

    with tqdm(total=expected, desc=label, unit="", dynamic_ncols=True) as bar:
        last, last_change = 0, time.monotonic()
        while (current := count()) < expected:
            if current != last:
                bar.update(current - last)
                last, last_change = current, time.monotonic()
            elif time.monotonic() - last_change > timeout:
                raise TimeoutError(
                    f"{label}: stuck at {current}/{expected}; are the fleet's workers and relays running?"
                )
            time.sleep(0.5)
        bar.update(current - last)
