"""The circuit breaker's states, driven by an injected clock instead of sleeping."""

from gateway_project.proxy.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def open_breaker(clock: Clock, *, threshold: int = 3, reset_seconds: float = 10) -> CircuitBreaker:
    breaker = CircuitBreaker(threshold, reset_seconds, clock=clock)
    for _ in range(threshold):
        breaker.record_failure()
    return breaker


def test_a_new_breaker_is_closed_and_lets_calls_through() -> None:
    breaker = CircuitBreaker(3, 10, clock=Clock())

    assert breaker.state == CLOSED
    assert breaker.allow() is True
    assert breaker.failures == 0


def test_failures_below_the_threshold_keep_it_closed() -> None:
    breaker = CircuitBreaker(3, 10, clock=Clock())

    breaker.record_failure()
    breaker.record_failure()

    assert breaker.state == CLOSED
    assert breaker.failures == 2
    assert breaker.allow() is True


def test_the_threshold_th_consecutive_failure_opens_it_and_calls_are_refused() -> None:
    breaker = open_breaker(Clock())

    assert breaker.state == OPEN
    assert breaker.allow() is False


def test_an_open_breaker_tells_how_long_until_a_trial_in_whole_seconds() -> None:
    clock = Clock()
    breaker = open_breaker(clock, reset_seconds=10)

    at_opening = breaker.retry_after()
    clock.now += 7.5
    later = breaker.retry_after()
    clock.now += 10
    overdue = breaker.retry_after()

    assert (at_opening, later, overdue) == (10, 3, 1)


def test_it_stays_open_until_the_reset_time_has_passed() -> None:
    clock = Clock()
    breaker = open_breaker(clock, reset_seconds=10)

    clock.now += 9.99

    assert breaker.allow() is False
    assert breaker.state == OPEN


def test_after_the_reset_time_it_half_opens_for_exactly_one_trial() -> None:
    clock = Clock()
    breaker = open_breaker(clock, reset_seconds=10)

    clock.now += 10
    trial = breaker.allow()
    second = breaker.allow()

    assert (trial, second) == (True, False)
    assert breaker.state == HALF_OPEN


def test_a_successful_trial_closes_it_and_clears_the_count() -> None:
    clock = Clock()
    breaker = open_breaker(clock, reset_seconds=10)
    clock.now += 10
    breaker.allow()

    breaker.record_success()

    assert breaker.state == CLOSED
    assert breaker.failures == 0
    assert [breaker.allow() for _ in range(3)] == [True, True, True]


def test_a_failed_trial_opens_it_again_for_a_full_reset_time() -> None:
    clock = Clock()
    breaker = open_breaker(clock, threshold=3, reset_seconds=10)
    clock.now += 10
    breaker.allow()

    breaker.record_failure()

    assert breaker.state == OPEN
    assert breaker.allow() is False
    assert breaker.retry_after() == 10
    clock.now += 10
    assert breaker.allow() is True
    assert breaker.state == HALF_OPEN


def test_a_lost_trial_lets_another_through_after_the_reset_time() -> None:
    clock = Clock()
    breaker = open_breaker(clock, reset_seconds=10)
    clock.now += 10
    breaker.allow()  # this trial never reports back

    clock.now += 9
    too_soon = breaker.allow()
    clock.now += 1
    next_trial = breaker.allow()

    assert (too_soon, next_trial) == (False, True)
    assert breaker.state == HALF_OPEN


def test_a_success_resets_the_count_of_consecutive_failures() -> None:
    breaker = CircuitBreaker(2, 10, clock=Clock())

    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()

    assert breaker.state == CLOSED
    assert breaker.failures == 1


def test_a_threshold_below_one_opens_on_the_first_failure() -> None:
    breaker = CircuitBreaker(0, 10, clock=Clock())

    breaker.record_failure()

    assert breaker.threshold == 1
    assert breaker.state == OPEN
