"""The sync and async retry drivers around scripted failing functions (no I/O; waits of a millisecond)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ai_sdk_core.provider_utils import acall_with_retries, call_with_retries
from ai_sdk_core.spec import APICallError, RetryAfterTooLongError, RetryError

from .flavours import FLAVOURS, Flavour

pytestmark = [pytest.mark.anyio, pytest.mark.parametrize("flavour", FLAVOURS)]


def api_error(status: int, retry_after: str | None = "1") -> APICallError:
    headers = {"retry-after-ms": retry_after} if retry_after is not None else {}
    return APICallError(f"status {status}", url="http://127.0.0.1/x", status_code=status, response_headers=headers)


def scripted(*outcomes: Exception | str) -> tuple[Callable[[], str], list[int]]:
    calls: list[int] = []

    def function() -> str:
        calls.append(1)
        outcome = outcomes[len(calls) - 1]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return function, calls


async def run(flavour: Flavour, function: Callable[[], str], **options: object) -> str:
    if flavour == "sync":
        return call_with_retries(function, **options)  # type: ignore[arg-type]

    async def async_function() -> str:
        return function()

    return await acall_with_retries(async_function, **options)  # type: ignore[arg-type]


async def test_success_after_retryable_errors(flavour: Flavour) -> None:
    function, calls = scripted(api_error(503), api_error(429), "done")
    assert await run(flavour, function) == "done"
    assert len(calls) == 3


async def test_later_non_retryable_error_is_wrapped(flavour: Flavour) -> None:
    function, calls = scripted(api_error(503), api_error(401), "never")
    with pytest.raises(RetryError) as caught:
        await run(flavour, function)
    assert len(calls) == 2
    assert caught.value.reason == "error_not_retryable"
    assert [error.status_code for error in caught.value.errors] == [503, 401]  # type: ignore[attr-defined]
    assert caught.value.last_error is caught.value.errors[-1]


async def test_first_non_api_error_is_raised_bare(flavour: Flavour) -> None:
    function, calls = scripted(KeyError("bug"), "never")
    with pytest.raises(KeyError):
        await run(flavour, function)
    assert len(calls) == 1


async def test_retry_after_too_long_on_a_later_attempt(flavour: Flavour) -> None:
    function, calls = scripted(api_error(503), api_error(429, retry_after="120000"), "never")
    with pytest.raises(RetryError) as caught:
        await run(flavour, function)
    assert caught.value.reason == "error_not_retryable"
    assert isinstance(caught.value.last_error, RetryAfterTooLongError)
    assert caught.value.last_error.retry_after_seconds == 120
    assert len(calls) == 2


async def test_max_retries_exceeded_keeps_every_error(flavour: Flavour) -> None:
    function, calls = scripted(api_error(500), api_error(502), api_error(503), api_error(504), "never")
    with pytest.raises(RetryError) as caught:
        await run(flavour, function, max_retries=3)
    assert len(calls) == 4
    assert caught.value.reason == "max_retries_exceeded"
    assert [error.status_code for error in caught.value.errors] == [500, 502, 503, 504]  # type: ignore[attr-defined]
    assert "4 attempts" in str(caught.value)
