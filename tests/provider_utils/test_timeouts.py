"""The time budget bookkeeping, on a fake clock."""

from __future__ import annotations

import pytest

from ai_sdk_core.provider_utils import TimeBudget
from ai_sdk_core.spec import TimeoutBudgetError, TimeoutConfig


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make(config: TimeoutConfig) -> tuple[TimeBudget, FakeClock]:
    clock = FakeClock()
    return TimeBudget(config, clock=clock), clock


def test_no_budget_means_no_deadline() -> None:
    budget, clock = make(TimeoutConfig())
    clock.now += 10_000
    budget.check()
    assert budget.remaining() is None


def test_first_chunk_then_between_chunks() -> None:
    budget, clock = make(TimeoutConfig(first_chunk=5, between_chunks=1))
    assert budget.remaining() == 5
    clock.now += 4
    budget.check()
    budget.mark_bytes()
    assert budget.remaining() == 1  # between_chunks now runs, from the first bytes
    clock.now += 0.9
    budget.mark_bytes()  # more bytes (a comment) do not restart it
    clock.now += 0.2
    with pytest.raises(TimeoutBudgetError) as caught:
        budget.check()
    assert caught.value.budget == "between_chunks"
    assert caught.value.seconds == 1


def test_events_restart_between_chunks() -> None:
    budget, clock = make(TimeoutConfig(between_chunks=1))
    budget.mark_bytes()
    for _ in range(5):
        clock.now += 0.9
        budget.mark_progress()
        budget.check()


def test_first_chunk_runs_out() -> None:
    budget, clock = make(TimeoutConfig(first_chunk=2, between_chunks=1))
    clock.now += 2
    with pytest.raises(TimeoutBudgetError) as caught:
        budget.check()
    assert caught.value.budget == "first_chunk"
    assert isinstance(caught.value, TimeoutError)


def test_total_wins_when_it_is_nearer() -> None:
    budget, clock = make(TimeoutConfig(total=3, between_chunks=1))
    budget.mark_bytes()
    for _ in range(3):
        clock.now += 0.9
        budget.mark_progress()
    assert budget.remaining() == pytest.approx(0.3)
    clock.now += 0.3
    with pytest.raises(TimeoutBudgetError) as caught:
        budget.check()
    assert caught.value.budget == "total"
    assert "TimeoutConfig.total" in str(caught.value)


def test_expired_error_names_the_nearest_budget() -> None:
    budget, _ = make(TimeoutConfig(total=10, first_chunk=2))
    assert budget.expired_error().budget == "first_chunk"
    budget.mark_bytes()
    assert budget.expired_error().budget == "total"


def test_connect_timeout_is_cut_to_the_remaining_budget() -> None:
    budget, _ = make(TimeoutConfig(connect=5, first_chunk=2))
    assert budget.connect_timeout() == 2
    budget, _ = make(TimeoutConfig(connect=1, total=20))
    assert budget.connect_timeout() == 1
    budget, _ = make(TimeoutConfig())
    assert budget.connect_timeout() is None


def test_time_away_from_the_stream_does_not_count_as_silence() -> None:
    budget, clock = make(TimeoutConfig(total=100, first_chunk=2, between_chunks=1))
    budget.pause()  # the stream was handed out but not read yet
    clock.now += 10
    budget.resume()
    budget.check()
    assert budget.remaining() == 2
    budget.mark_bytes()
    budget.pause()  # the consumer handles a part for a long time
    clock.now += 30
    budget.resume()
    budget.check()
    assert budget.remaining() == 1
    clock.now += 1
    with pytest.raises(TimeoutBudgetError) as caught:
        budget.check()
    assert caught.value.budget == "between_chunks"


def test_time_away_still_counts_for_total() -> None:
    budget, clock = make(TimeoutConfig(total=5, between_chunks=1))
    budget.mark_bytes()
    budget.pause()
    clock.now += 6
    budget.resume()
    with pytest.raises(TimeoutBudgetError) as caught:
        budget.check()
    assert caught.value.budget == "total"


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (TimeoutConfig(), None),
        (TimeoutConfig(first_chunk=30, between_chunks=5), 30),  # never shorter than the running first_chunk
        (TimeoutConfig(first_chunk=2, between_chunks=5), 5),  # nor than between_chunks, which runs next
        (TimeoutConfig(first_chunk=30, between_chunks=5, total=10), 10),  # never longer than total
        (TimeoutConfig(total=7), 7),
    ],
)
def test_body_read_timeout(config: TimeoutConfig, expected: float | None) -> None:
    budget, _ = make(config)
    assert budget.body_read_timeout() == expected


def test_body_read_timeout_after_first_bytes_is_between_chunks() -> None:
    budget, clock = make(TimeoutConfig(first_chunk=30, between_chunks=5))
    clock.now += 1
    budget.mark_bytes()
    assert budget.body_read_timeout() == 5


@pytest.mark.parametrize(
    ("config", "unbounded"),
    [
        (TimeoutConfig(), True),
        (TimeoutConfig(connect=30.0), True),  # connect is httpx's business, not a running budget
        (TimeoutConfig(connect=30.0, total=60.0), False),
        (TimeoutConfig(first_chunk=5.0), False),
        (TimeoutConfig(between_chunks=1.0), False),
    ],
)
def test_only_a_connect_timeout_leaves_nothing_to_run_out(config: TimeoutConfig, unbounded: bool) -> None:
    # The transport skips its per-read bookkeeping (and, async, its cancel scopes) for an unbounded budget: that
    # must only ever happen when no budget could have run out.
    budget, clock = make(config)
    assert budget.unbounded is unbounded
    if config.first_chunk is None:
        budget.mark_bytes()  # between_chunks runs from the first bytes on
    clock.now += 10_000
    if unbounded:
        budget.check()
        assert budget.remaining() is None
        assert budget.body_read_timeout() is None
    else:
        with pytest.raises(TimeoutBudgetError):
            budget.check()
        assert budget.remaining() == 0.0
