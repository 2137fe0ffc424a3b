"""Long commands show their progress: a bar redrawn in place on a terminal, a few plain lines elsewhere."""

import io

from common.progress import Progress, progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_off_a_terminal_it_says_a_line_at_each_tenth_and_one_at_the_end():
    log, clock = io.StringIO(), Clock()

    with Progress("gigs", 1000, log, clock=clock) as shown:
        for _ in range(1000):
            shown.advance()
        clock.now += 12.5

    assert log.getvalue().splitlines() == [
        *(f"gigs: {done}/1000 ({done // 10}%)" for done in range(100, 1000, 100)),
        "gigs: 1000/1000 done in 12.5s",
    ]


def test_on_a_terminal_it_redraws_one_bar_in_place_at_most_five_times_a_second():
    terminal, clock = Terminal(), Clock()

    with Progress("postgres", 10, terminal, clock=clock) as shown:
        shown.advance(5)
        shown.advance(1)  # too soon after the last drawing
        clock.now += 1
        shown.advance(1)

    drawn = terminal.getvalue()
    assert drawn.endswith("\n") and drawn.count("\n") == 1
    frames = drawn.rstrip("\n").split("\r")[1:]
    assert [frame.split("]")[0] for frame in frames] == [
        "postgres: [###############...............",
        "postgres: [#####################.........",
        "postgres: [#####################.........",
    ]
    assert frames[1].endswith(" 70% 7/10 7/s, 0s left\033[K")


def test_a_step_that_fails_says_where_it_stopped():
    log = io.StringIO()

    try:
        with Progress("replay", 4, log) as shown:
            shown.advance()
            raise RuntimeError("broker gone")
    except RuntimeError:
        pass

    assert log.getvalue().splitlines()[-1] == "replay: stopped at 1/4"


def test_an_iterable_counts_one_unit_per_item_and_nothing_to_do_is_one_line():
    log = io.StringIO()

    assert list(progress(range(3), total=3, label="accounts", stream=log)) == [0, 1, 2]
    assert list(progress([], total=0, label="sellers", stream=log)) == []

    lines = [line.split(" done in ")[0] for line in log.getvalue().splitlines()]
    assert lines == ["accounts: 1/3 (33%)", "accounts: 2/3 (66%)", "accounts: 3/3", "sellers: 0/0"]
