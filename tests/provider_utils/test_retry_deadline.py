"""The retry drivers and ``plan_retry`` never wait past the caller's total deadline (no I/O, no real waits)."""

from __future__ import annotations

import time

import pytest

from ai_sdk_core.provider_utils import acall_with_retries, call_with_retries
from ai_sdk_core.provider_utils.retry import plan_retry
from ai_sdk_core.spec import APICallError, RetryError, TimeoutBudgetError

from .flavours import FLAVOURS, Flavour


def server_error(retry_after_ms: str) -> APICallError:
    return APICallError(
        "status 500", url="http://127.0.0.1/x", status_code=500, response_headers={"retry-after-ms": retry_after_ms}
    )


def test_plan_refuses_a_wait_that_reaches_the_deadline() -> None:
    error = server_error("700")
    decision = plan_retry(error, [], max_retries=2, deadline=1.0, total_budget=1.0, now=0.3)
    assert isinstance(decision, TimeoutBudgetError)
    assert decision.budget == "total" and decision.seconds == 1.0
    assert decision.__cause__ is error


def test_plan_waits_when_the_deadline_leaves_room() -> None:
    decision = plan_retry(server_error("700"), [], max_retries=2, deadline=1.5, total_budget=1.5, now=0.3)
    assert decision == pytest.approx(0.7)


def test_plan_without_deadline_is_unchanged() -> None:
    assert plan_retry(server_error("700"), [], max_retries=2) == pytest.approx(0.7)


def test_retries_running_out_first_still_raise_retry_error() -> None:
    errors: list[Exception] = [server_error("1")]
    decision = plan_retry(server_error("700"), errors, max_retries=1, deadline=1.0, total_budget=1.0, now=0.3)
    assert isinstance(decision, RetryError) and decision.reason == "max_retries_exceeded"


@pytest.mark.anyio
@pytest.mark.parametrize("flavour", FLAVOURS)
async def test_drivers_raise_instead_of_sleeping_past_the_deadline(flavour: Flavour) -> None:
    calls: list[float] = []

    def function() -> str:
        calls.append(time.monotonic())
        raise server_error("30000")  # half a minute: the test would time out if the driver slept

    deadline = time.monotonic() + 5.0
    with pytest.raises(TimeoutBudgetError) as caught:
        if flavour == "sync":
            call_with_retries(function, deadline=deadline, total_budget=5.0)
        else:

            async def async_function() -> str:
                return function()

            await acall_with_retries(async_function, deadline=deadline, total_budget=5.0)
    assert len(calls) == 1
    assert caught.value.budget == "total"
    assert isinstance(caught.value.__cause__, APICallError)
