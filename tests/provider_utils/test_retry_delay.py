"""The pure retry decisions: delays from each header form, the cap, backoff, and what is raised."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from ai_sdk_core.provider_utils.retry import compute_retry_delay, parse_retry_after, plan_retry
from ai_sdk_core.spec import APICallError, RetryAfterTooLongError, RetryError

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def api_error(status: int = 429, headers: dict[str, str] | None = None) -> APICallError:
    return APICallError("failed", url="http://127.0.0.1/x", status_code=status, response_headers=headers or {})


def delay(headers: dict[str, str], attempt: int = 0) -> float:
    return compute_retry_delay(api_error(headers=headers), attempt, now=NOW, jitter=lambda: 0.0)


def test_retry_after_ms() -> None:
    assert delay({"retry-after-ms": "1500"}) == 1.5


def test_retry_after_ms_wins_over_retry_after() -> None:
    assert delay({"retry-after-ms": "50", "retry-after": "30"}) == 0.05


def test_retry_after_seconds_integer_and_fraction() -> None:
    assert delay({"retry-after": "7"}) == 7.0
    assert delay({"retry-after": "0.25"}) == 0.25


def test_retry_after_http_date() -> None:
    header = format_datetime(NOW + timedelta(seconds=12), usegmt=True)
    assert delay({"retry-after": header}) == 12.0


def test_retry_after_header_name_is_case_insensitive() -> None:
    assert delay({"Retry-After": "3"}) == 3.0


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"retry-after": "soon"},
        {"retry-after": "-5"},
        {"retry-after-ms": "-1"},
        {"retry-after-ms": "nan"},
        {"retry-after": "inf"},
        {"retry-after": format_datetime(NOW - timedelta(seconds=30), usegmt=True)},
    ],
)
def test_garbage_negative_or_past_falls_back_to_backoff(headers: dict[str, str]) -> None:
    assert delay(headers, attempt=0) == 1.0  # initial 2 s, jitter factor 0.5
    assert delay(headers, attempt=2) == 4.0  # 2 * 2**2 * 0.5


def test_backoff_jitter_stays_within_half_and_full() -> None:
    low = compute_retry_delay(api_error(), 1, jitter=lambda: 0.0)
    high = compute_retry_delay(api_error(), 1, jitter=lambda: 0.999999)
    assert low == 2.0
    assert 3.99 < high < 4.0


def test_above_the_cap_raises_carrying_the_value() -> None:
    with pytest.raises(RetryAfterTooLongError) as caught:
        compute_retry_delay(api_error(headers={"retry-after": "3600"}), 0, max_retry_after=60)
    assert caught.value.retry_after_seconds == 3600
    assert caught.value.status_code == 429
    assert caught.value.is_retryable is False


def test_exactly_the_cap_is_honoured() -> None:
    assert compute_retry_delay(api_error(headers={"retry-after": "60"}), 0, max_retry_after=60) == 60


def test_parse_retry_after_returns_none_without_headers() -> None:
    assert parse_retry_after({}) is None


def test_plan_retry_gives_a_delay_then_gives_up() -> None:
    errors: list[Exception] = []
    headers = {"retry-after-ms": "10"}
    assert plan_retry(api_error(500, headers), errors, max_retries=2) == 0.01
    assert plan_retry(api_error(500, headers), errors, max_retries=2) == 0.01
    decision = plan_retry(api_error(500, headers), errors, max_retries=2)
    assert isinstance(decision, RetryError)
    assert decision.reason == "max_retries_exceeded"
    assert len(decision.errors) == 3


def test_plan_retry_first_error_not_retryable_is_returned_bare() -> None:
    error = api_error(400)
    assert plan_retry(error, [], max_retries=2) is error
    other = ValueError("bug")
    assert plan_retry(other, [], max_retries=2) is other


def test_plan_retry_later_error_not_retryable_is_wrapped() -> None:
    errors: list[Exception] = []
    plan_retry(api_error(503, {"retry-after-ms": "1"}), errors, max_retries=2)
    decision = plan_retry(api_error(401), errors, max_retries=2)
    assert isinstance(decision, RetryError)
    assert decision.reason == "error_not_retryable"
    assert [error.status_code for error in decision.errors] == [503, 401]  # type: ignore[attr-defined]


def test_plan_retry_with_zero_retries_returns_the_bare_error() -> None:
    error = api_error(500)
    assert plan_retry(error, [], max_retries=0) is error


def test_plan_retry_too_long_first_is_bare_too_long_error() -> None:
    decision = plan_retry(api_error(429, {"retry-after": "999"}), [], max_retries=2)
    assert isinstance(decision, RetryAfterTooLongError)
    assert decision.retry_after_seconds == 999
