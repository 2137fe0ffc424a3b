"""Progress of a long command (reindex, seed, dead-letter replay): a bar on a terminal, a few lines elsewhere.

On a terminal the bar is redrawn in place (at most five times a second); in a log file or
CI, where a redrawn bar would be a line per refresh, it says one plain line at each tenth
of the work and one at the end. Our own, not tqdm: the commands that use it run in
production images, which carry no dev dependency, and the plain lines are what we want
there.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import TextIO, TypeVar, cast

T = TypeVar("T")

BAR_WIDTH = 30
REDRAW_SECONDS = 0.2
PLAIN_STEPS = 10


class Progress:
    """``done`` out of ``total`` units of work, shown on ``stream`` (stderr) as it moves."""

    def __init__(
        self,
        label: str,
        total: int,
        stream: TextIO | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.total = max(total, 0)
        self.stream = stream if stream is not None else sys.stderr
        self.on_terminal = _is_terminal(self.stream)
        self.clock = clock
        self.started = clock()
        self.done = 0
        self._drawn_at = float("-inf")
        self._steps_said = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close(finished=kind is None)

    def advance(self, count: int = 1) -> None:
        """``count`` more units done."""
        self.update(self.done + count)

    def update(self, done: int) -> None:
        """``done`` units done so far."""
        self.done = done
        if self.on_terminal:
            if self.clock() - self._drawn_at >= REDRAW_SECONDS:
                self._draw()
            return
        step = self.done * PLAIN_STEPS // self.total if self.total else 0
        if self._steps_said < step < PLAIN_STEPS:
            self._steps_said = step
            self._say(f"{self.label}: {self.done}/{self.total} ({100 * self.done // self.total}%)")

    def close(self, *, finished: bool = True) -> None:
        """The last word: how much was done and how long it took (or where it stopped)."""
        if self.on_terminal:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
        if finished and not self.on_terminal:
            self._say(f"{self.label}: {self.done}/{self.total} done in {self.clock() - self.started:.1f}s")
        elif not finished:
            self._say(f"{self.label}: stopped at {self.done}/{self.total}")

    def _draw(self) -> None:
        self._drawn_at = self.clock()
        filled = BAR_WIDTH * min(self.done, self.total) // self.total if self.total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        percent = 100 * self.done // self.total if self.total else 100
        self.stream.write(f"\r{self.label}: [{bar}] {percent:3d}% {self.done}/{self.total} {self._pace()}\033[K")
        self.stream.flush()

    def _pace(self) -> str:
        elapsed = self.clock() - self.started
        if self.done == 0 or elapsed <= 0:
            return ""
        rate = self.done / elapsed
        left = max(self.total - self.done, 0) / rate
        return f"{rate:.0f}/s, {left:.0f}s left"

    def _say(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


def progress(items: Iterable[T], *, total: int, label: str, stream: TextIO | None = None) -> Iterator[T]:
    """``items``, one unit of progress each."""
    with Progress(label, total, stream) as shown:
        for item in items:
            yield item
            shown.advance()


def command_stream(output: object) -> TextIO:
    """The stream under a management command's ``self.stderr``.

    Django's wrapper ends every write with a newline (and colors stderr), which would break
    a bar redrawn in place.
    """
    return cast(TextIO, getattr(output, "_out", output))


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
