"""Case 1: 429 with ``Retry-After`` in seconds, milliseconds (``retry-after-ms`` wins), an HTTP date, garbage or a
negative number (backoff), and an ask above the cap (no retry, a typed error carrying the server's value)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from ai_sdk_core.provider_utils.retry import DEFAULT_INITIAL_DELAY, DEFAULT_MAX_RETRY_AFTER
from ai_sdk_core.spec import RetryAfterTooLongError
from ai_sdk_core.testing import Reply
from tests.reliability.conftest import Checker, Harness
from tests.reliability.wires import WIRES, error_json, json_reply, stream_events

pytestmark = pytest.mark.anyio


def _limited(wire: str, headers: dict[str, str]) -> Reply:
    return Reply(429, json=error_json(wire, 429, "Rate limit reached, slow down."), headers=headers)


def _success(wire: str, flavour: str) -> Reply:
    if flavour == "generate":
        return Reply(json=json_reply(wire, "after the wait"))
    return Reply(body=b"".join(stream_events(wire, "after the wait")), headers={"content-type": "text/event-stream"})


@pytest.mark.parametrize("flavour", ["generate", "stream"])
@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.25"}, 0.25),
        ({"retry-after-ms": "1500", "retry-after": "30"}, 1.5),
    ],
    ids=["seconds", "fraction", "milliseconds-win"],
)
async def test_the_servers_ask_is_the_wait(
    harness: Harness,
    check: Checker,
    sleeps: list[float],
    wire: str,
    flavour: str,
    headers: dict[str, str],
    expected: float,
) -> None:
    harness.server.script(_limited(wire, headers), _success(wire, flavour))
    outcome = await harness.call(flavour)
    assert outcome.error is None, repr(outcome.error)
    assert outcome.text == "after the wait"
    assert sleeps == [expected]
    assert len(harness.server.requests) == 2
    check.no_secret()


@pytest.mark.parametrize("wire", WIRES)
async def test_an_http_date_is_a_wait_until_then(
    harness: Harness, check: Checker, sleeps: list[float], wire: str
) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    harness.server.script(_limited(wire, {"retry-after": when}), _success(wire, "generate"))
    outcome = await harness.generate()
    assert outcome.text == "after the wait"
    assert len(sleeps) == 1 and 10.0 < sleeps[0] <= 20.0  # whole seconds on the wire, some time passes
    check.no_secret()


@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize("value", ["soon", "-5", "NaN", "inf", "Wed, 99 Foo 2024", ""])
async def test_garbage_or_negative_falls_back_to_backoff(
    harness: Harness, check: Checker, sleeps: list[float], wire: str, value: str
) -> None:
    harness.server.script(_limited(wire, {"retry-after": value}), _success(wire, "generate"))
    outcome = await harness.generate()
    assert outcome.text == "after the wait", repr(outcome.error)
    # The first backoff: the initial delay scaled by a jitter factor in [0.5, 1).
    assert len(sleeps) == 1 and DEFAULT_INITIAL_DELAY * 0.5 <= sleeps[0] < DEFAULT_INITIAL_DELAY
    check.no_secret()


@pytest.mark.parametrize("flavour", ["generate", "stream"])
@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize(
    "headers", [{"retry-after": "3600"}, {"retry-after-ms": "600000"}], ids=["seconds", "milliseconds"]
)
async def test_an_ask_above_the_cap_is_returned_at_once(
    harness: Harness, check: Checker, sleeps: list[float], wire: str, flavour: str, headers: dict[str, str]
) -> None:
    harness.server.script(_limited(wire, headers), _success(wire, flavour))
    outcome = await harness.call(flavour)
    error = check.typed(outcome.error)
    assert isinstance(error, RetryAfterTooLongError)
    assert error.retry_after_seconds > DEFAULT_MAX_RETRY_AFTER
    assert error.retry_after_seconds in (3600.0, 600.0)
    assert error.status_code == 429 and not error.is_retryable
    assert "slow down" in error.response_body if error.response_body else False
    assert sleeps == []
    assert len(harness.server.requests) == 1
    check.no_secret(error)
