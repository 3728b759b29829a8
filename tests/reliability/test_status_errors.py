"""Cases 2-4: server errors then success, server errors every time, ``x-should-retry`` both ways, client errors
with vendor bodies (never retried, the vendor's message surfaced, the key never echoed), and a gateway's 1 MiB
HTML error page (retryable, its stored body truncated)."""

from __future__ import annotations

import pytest

from ai_sdk_core.spec import APICallError, RetryError
from ai_sdk_core.spec.errors import MAX_ERROR_BODY_CHARS
from ai_sdk_core.testing import Reply
from tests.reliability.conftest import Checker, Harness
from tests.reliability.wires import SECRET, WIRES, error_json, json_reply, stream_events

pytestmark = pytest.mark.anyio

FLAVOURS = ["generate", "stream"]


def _success(wire: str, flavour: str) -> Reply:
    if flavour == "generate":
        return Reply(json=json_reply(wire, "recovered"))
    return Reply(body=b"".join(stream_events(wire, "recovered")), headers={"content-type": "text/event-stream"})


def _failure(wire: str, status: int, message: str = "The server had an error.", **headers: str) -> Reply:
    return Reply(status, json=error_json(wire, status, message), headers=dict(headers))


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("wire", WIRES)
async def test_server_errors_then_success(
    harness: Harness, check: Checker, sleeps: list[float], wire: str, flavour: str
) -> None:
    harness.server.script(_failure(wire, 500), _failure(wire, 502), _failure(wire, 503), _success(wire, flavour))
    outcome = await harness.call(flavour, max_retries=3)
    assert outcome.error is None, repr(outcome.error)
    assert outcome.text == "recovered"
    assert len(sleeps) == 3 and len(harness.server.requests) == 4
    check.no_secret()


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("wire", WIRES)
async def test_server_error_every_time_holds_each_attempt(
    harness: Harness, check: Checker, sleeps: list[float], wire: str, flavour: str
) -> None:
    harness.server.script(default=_failure(wire, 500, "Still broken."))
    outcome = await harness.call(flavour)
    error = check.typed(outcome.error)
    assert isinstance(error, RetryError) and error.reason == "max_retries_exceeded"
    assert len(error.errors) == 3 == len(harness.server.requests)  # the default: two retries
    assert all(isinstance(attempt, APICallError) and attempt.status_code == 500 for attempt in error.errors)
    assert all("Still broken." in str(attempt) for attempt in error.errors)
    check.no_secret(error)


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("wire", WIRES)
async def test_no_retries_gives_the_bare_error(
    harness: Harness, check: Checker, sleeps: list[float], wire: str, flavour: str
) -> None:
    harness.server.script(default=_failure(wire, 500, "Still broken."))
    outcome = await harness.call(flavour, max_retries=0)
    error = check.typed(outcome.error)
    assert type(error) is APICallError and error.status_code == 500 and error.is_retryable
    assert len(harness.server.requests) == 1 and sleeps == []
    check.no_secret(error)


@pytest.mark.parametrize("wire", WIRES)
async def test_should_retry_false_stops_a_server_error(
    harness: Harness, check: Checker, sleeps: list[float], wire: str
) -> None:
    harness.server.script(
        _failure(wire, 503, "Do not come back.", **{"x-should-retry": "false"}), _success(wire, "generate")
    )
    outcome = await harness.generate()
    error = check.typed(outcome.error)
    assert isinstance(error, APICallError) and error.status_code == 503 and not error.is_retryable
    assert len(harness.server.requests) == 1 and sleeps == []


@pytest.mark.parametrize("wire", WIRES)
async def test_should_retry_true_retries_a_client_error(
    harness: Harness, check: Checker, sleeps: list[float], wire: str
) -> None:
    harness.server.script(_failure(wire, 400, "Try again.", **{"x-should-retry": "true"}), _success(wire, "generate"))
    outcome = await harness.generate()
    assert outcome.text == "recovered", repr(outcome.error)
    assert len(harness.server.requests) == 2 and len(sleeps) == 1
    check.no_secret()


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("wire", WIRES)
@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
async def test_client_errors_are_not_retried_and_keep_the_vendor_message(
    harness: Harness, check: Checker, sleeps: list[float], wire: str, flavour: str, status: int
) -> None:
    message = f"Vendor says {status}: the request was refused."
    harness.server.script(_failure(wire, status, message), _success(wire, flavour))
    outcome = await harness.call(flavour)
    error = check.typed(outcome.error)
    assert type(error) is APICallError, repr(error)
    assert error.status_code == status and not error.is_retryable
    assert message in str(error)
    assert len(harness.server.requests) == 1 and sleeps == []
    check.no_secret(error)


@pytest.mark.parametrize("wire", WIRES)
async def test_a_vendor_echoing_the_key_does_not_leak_it(
    harness: Harness, check: Checker, sleeps: list[float], wire: str
) -> None:
    # A hostile or careless gateway puts the key it received into its error message.
    echo = f"Incorrect API key provided: {SECRET}."
    harness.server.script(Reply(401, json=error_json(wire, 401, echo)))
    outcome = await harness.generate()
    error = check.typed(outcome.error)
    assert isinstance(error, APICallError) and error.status_code == 401
    assert "Incorrect API key provided" in str(error)


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("wire", WIRES)
async def test_a_huge_html_error_page_is_retryable_and_truncated(
    harness: Harness, check: Checker, sleeps: list[float], wire: str, flavour: str
) -> None:
    page = "<html><body>" + "<p>Bad gateway. Please try again later.</p>" * 25_000 + "</body></html>"
    assert len(page) > 1024 * 1024
    html = Reply(502, body=page, headers={"content-type": "text/html"})
    harness.server.script(html, html)
    outcome = await harness.call(flavour, max_retries=1)
    error = check.typed(outcome.error)
    assert isinstance(error, RetryError) and len(error.errors) == 2
    for attempt in error.errors:
        assert isinstance(attempt, APICallError) and attempt.status_code == 502 and attempt.is_retryable
        assert attempt.response_body is not None
        assert len(attempt.response_body) < MAX_ERROR_BODY_CHARS + 100
        assert attempt.response_body.startswith("<html>")
        assert len(str(attempt)) < 2000
    check.no_secret(error)
