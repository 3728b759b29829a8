"""Retrying model calls: one pure decision (:func:`plan_retry`), driven by a sync and an async loop.

Retryable: :class:`~ai_sdk_core.spec.errors.APICallError` with ``is_retryable`` (408, 409, 429, 5xx, no answer,
or ``x-should-retry: true``). The wait honours ``retry-after-ms``, then ``Retry-After`` (seconds or an HTTP date),
up to ``max_retry_after``; a longer ask raises :class:`~ai_sdk_core.spec.errors.RetryAfterTooLongError` at once
(waiting minutes inside a request is never what a caller wants). Otherwise the wait is an exponential backoff
with jitter.

With a ``deadline`` (a :func:`time.monotonic` instant: the end of the caller's ``total`` time budget), no wait
ever runs past it: when the next attempt could not start before the deadline, a
:class:`~ai_sdk_core.spec.errors.TimeoutBudgetError` (``budget="total"``, caused by the last attempt's error) is
raised instead of sleeping. Each attempt's function computes what is left itself (``deadline - now``).

Only the start of a call is retried: a stream is retried until its response headers arrived, never after parts
were delivered (the stream's own errors are raised to the consumer).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Final, TypeVar

import anyio

from ai_sdk_core.spec.errors import APICallError, RetryAfterTooLongError, RetryError, TimeoutBudgetError

__all__ = [
    "DEFAULT_BACKOFF_FACTOR",
    "DEFAULT_INITIAL_DELAY",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_MAX_RETRY_AFTER",
    "acall_with_retries",
    "call_with_retries",
    "compute_retry_delay",
    "parse_retry_after",
    "plan_retry",
]

T = TypeVar("T")

DEFAULT_MAX_RETRIES: Final = 2
DEFAULT_INITIAL_DELAY: Final = 2.0
DEFAULT_BACKOFF_FACTOR: Final = 2.0
DEFAULT_MAX_RETRY_AFTER: Final = 60.0


def parse_retry_after(headers: Mapping[str, str], *, now: datetime | None = None) -> float | None:
    """The delay in seconds the server asked for, or ``None`` when it asked nothing usable.

    ``retry-after-ms`` (milliseconds, a vendor extension) wins over ``Retry-After`` (seconds, or an HTTP date).
    Garbage, negative values and dates in the past count as "nothing asked".
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    milliseconds = _parse_non_negative_number(lowered.get("retry-after-ms"))
    if milliseconds is not None:
        return milliseconds / 1000.0
    value = lowered.get("retry-after")
    if value is None:
        return None
    seconds = _parse_non_negative_number(value)
    if seconds is not None:
        return seconds
    try:
        date = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if date.tzinfo is None:  # RFC 9110 dates are GMT; a naive parse means the zone was left out
        date = date.replace(tzinfo=UTC)
    delay = (date - (now or datetime.now(UTC))).total_seconds()
    return delay if delay >= 0 else None


def _parse_non_negative_number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0:
        return None
    return number


def compute_retry_delay(
    error: APICallError,
    attempt: int,
    *,
    initial_delay: float = DEFAULT_INITIAL_DELAY,
    backoff_factor: float = DEFAULT_BACKOFF_FACTOR,
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
    now: datetime | None = None,
    jitter: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before retry number ``attempt`` (0 for the first retry) after ``error``.

    The server's ask wins (``retry-after-ms``, then ``Retry-After``); above ``max_retry_after`` it raises
    :class:`RetryAfterTooLongError` carrying the asked delay. Without a usable ask: ``initial_delay *
    backoff_factor ** attempt``, scaled by a jitter factor in [0.5, 1) so that many clients do not retry in step.
    """
    asked = parse_retry_after(error.response_headers, now=now)
    if asked is not None:
        if asked > max_retry_after:
            raise RetryAfterTooLongError(
                f"The server asked to retry after {asked:g} s, more than the {max_retry_after:g} s cap.",
                retry_after_seconds=asked,
                url=error.url,
                status_code=error.status_code,
                response_headers=error.response_headers,
                response_body=error.response_body,
                data=error.data,
                cause=error,
            )
        return asked
    backoff = initial_delay * backoff_factor**attempt
    return backoff * (0.5 + 0.5 * jitter())


def plan_retry(
    error: Exception,
    errors: list[Exception],
    *,
    max_retries: int,
    initial_delay: float = DEFAULT_INITIAL_DELAY,
    backoff_factor: float = DEFAULT_BACKOFF_FACTOR,
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
    deadline: float | None = None,
    total_budget: float | None = None,
    now: float | None = None,
) -> float | Exception:
    """Decide what follows a failed attempt: a delay before the next one, or the error to raise.

    ``errors`` holds the earlier attempts' errors and receives ``error``. The error to raise is ``error`` itself
    when it came from the first attempt and retrying is off or it is not retryable, else a :class:`RetryError`
    (``reason`` ``"error_not_retryable"`` or ``"max_retries_exceeded"``) holding every attempt's error.

    ``deadline`` (a :func:`time.monotonic` instant, ``now`` defaulting to the current one) bounds the wait: a
    retry that could not start before it becomes a :class:`TimeoutBudgetError` (``budget="total"``,
    ``seconds=total_budget``) caused by ``error``.
    """
    errors.append(error)
    attempt = len(errors) - 1
    if max_retries <= 0:
        return error
    retryable = isinstance(error, APICallError) and error.is_retryable
    delay: float | None = None
    if retryable:
        assert isinstance(error, APICallError)
        try:
            delay = compute_retry_delay(
                error,
                attempt,
                initial_delay=initial_delay,
                backoff_factor=backoff_factor,
                max_retry_after=max_retry_after,
            )
        except RetryAfterTooLongError as too_long:
            errors[-1] = too_long
            error = too_long
    if delay is None:
        if attempt == 0:
            return error
        return RetryError(
            f"Failed after {len(errors)} attempts with a non-retryable error: {error}",
            reason="error_not_retryable",
            errors=errors,
        )
    if attempt >= max_retries:
        return RetryError(
            f"Failed after {len(errors)} attempts. Last error: {error}",
            reason="max_retries_exceeded",
            errors=errors,
        )
    if deadline is not None:
        remaining = deadline - (time.monotonic() if now is None else now)
        # Waiting until the deadline (or past it) leaves no time for the next attempt: give up now.
        if delay >= remaining:
            budget = total_budget if total_budget is not None else max(remaining, 0.0)
            return TimeoutBudgetError(
                f"The total time budget of {budget:g} s leaves no time to retry after: {error}",
                budget="total",
                seconds=budget,
                cause=error,
            )
    return delay


def call_with_retries(
    function: Callable[[], T],
    *,
    max_retries: int = DEFAULT_MAX_RETRIES,
    initial_delay: float = DEFAULT_INITIAL_DELAY,
    backoff_factor: float = DEFAULT_BACKOFF_FACTOR,
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
    deadline: float | None = None,
    total_budget: float | None = None,
) -> T:
    """Call ``function`` and retry it on retryable API errors (see the module docstring); blocks with ``time.sleep``.

    ``deadline``/``total_budget``: the end (monotonic) and length of the caller's total time budget; waits never
    run past it (see :func:`plan_retry`).

    Example::

        result = call_with_retries(lambda: model.do_generate(options), max_retries=2)
    """
    errors: list[Exception] = []
    while True:
        try:
            return function()
        except Exception as error:
            decision = plan_retry(
                error,
                errors,
                max_retries=max_retries,
                initial_delay=initial_delay,
                backoff_factor=backoff_factor,
                max_retry_after=max_retry_after,
                deadline=deadline,
                total_budget=total_budget,
            )
            if isinstance(decision, Exception):
                if decision is error:
                    raise
                raise decision from error
        time.sleep(decision)


async def acall_with_retries(
    function: Callable[[], Awaitable[T]],
    *,
    max_retries: int = DEFAULT_MAX_RETRIES,
    initial_delay: float = DEFAULT_INITIAL_DELAY,
    backoff_factor: float = DEFAULT_BACKOFF_FACTOR,
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
    deadline: float | None = None,
    total_budget: float | None = None,
) -> T:
    """Async twin of :func:`call_with_retries` (waits with ``anyio.sleep``)."""
    errors: list[Exception] = []
    while True:
        try:
            return await function()
        except Exception as error:
            decision = plan_retry(
                error,
                errors,
                max_retries=max_retries,
                initial_delay=initial_delay,
                backoff_factor=backoff_factor,
                max_retry_after=max_retry_after,
                deadline=deadline,
                total_budget=total_budget,
            )
            if isinstance(decision, Exception):
                if decision is error:
                    raise
                raise decision from error
        await anyio.sleep(decision)
