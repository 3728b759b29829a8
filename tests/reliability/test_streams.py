"""Case 6: streams that break. Cut after some chunks, a clean end without the terminal event, a vendor error
event first and after partial output, invalid JSON in one event, a 100 MiB line without a newline, a stream that
never ends, and a server that sends keep-alive comments forever.

Policy: a stream never raises out of ``full_stream``; its error is ``result.error`` (an ``error`` part), typed,
with what arrived before kept in ``text`` and ``steps``. Time budgets end silent streams; comments are bytes,
not progress, so they do not keep a stream alive.
"""

from __future__ import annotations

import tracemalloc

import pytest

from ai_sdk_core.generate_text.stream_errors import ModelStreamError
from ai_sdk_core.provider_utils.event_stream import DEFAULT_MAX_LINE_BYTES
from ai_sdk_core.spec import (
    APICallError,
    InvalidResponseDataError,
    ResponseTooLargeError,
    StreamInterruptedError,
    TimeoutBudgetError,
    TimeoutConfig,
)
from ai_sdk_core.testing import Drip, Flood, Stream
from tests.reliability.conftest import Checker, Harness
from tests.reliability.wires import WIRES, stream_events, vendor_error_event

pytestmark = pytest.mark.anyio

TEXT = "Hello world, partial"
# The events that end a stream normally, per wire: without them the stream ended "cleanly" but early.
_TERMINAL = {
    "openai-chat": (b'"finish_reason":"stop"', b"[DONE]"),
    "openai-responses": (b"response.completed", b".done"),
    "anthropic": (b"message_delta", b"message_stop", b"content_block_stop"),
    "google": (b"finishReason",),
}


def _through_first_text(wire: str) -> list[bytes]:
    """The events up to the first text delta included ("Hello wo"): some output, not all."""
    events = stream_events(wire, TEXT)
    index = next(position for position, event in enumerate(events) if b"Hello wo" in event)
    return events[: index + 1]


@pytest.mark.parametrize("wire", WIRES)
async def test_a_stream_cut_after_some_chunks_keeps_the_partial_text(
    harness: Harness, check: Checker, wire: str
) -> None:
    harness.server.script(Stream(_through_first_text(wire), cut=True))
    outcome = await harness.stream()
    error = check.typed(outcome.error)
    assert isinstance(error, StreamInterruptedError)
    assert outcome.text == "Hello wo"
    assert outcome.parts[-1].type == "error"
    assert len(harness.server.requests) == 1  # parts were delivered: never retried


@pytest.mark.parametrize("wire", WIRES)
async def test_a_clean_end_without_the_terminal_event_is_not_a_normal_stop(
    harness: Harness, check: Checker, wire: str
) -> None:
    events = [event for event in stream_events(wire, TEXT) if not any(mark in event for mark in _TERMINAL[wire])]
    harness.server.script(Stream(events))
    outcome = await harness.stream()
    assert outcome.text and TEXT.startswith(outcome.text)
    finish_reason = outcome.finish_reason
    # Either a typed error or an honest "other": never a claimed normal completion.
    if outcome.error is not None:
        assert isinstance(check.typed(outcome.error), InvalidResponseDataError)
    else:
        assert finish_reason == "other"
    assert finish_reason != "stop"
    check.no_secret()


@pytest.mark.parametrize("wire", WIRES)
async def test_a_vendor_error_event_after_output_is_not_retried_and_keeps_the_output(
    harness: Harness, check: Checker, wire: str
) -> None:
    harness.server.script(Stream([*_through_first_text(wire), vendor_error_event(wire, "Overloaded, sorry.")]))
    outcome = await harness.stream()
    error = check.typed(outcome.error)
    assert isinstance(error, ModelStreamError | APICallError)
    assert "Overloaded, sorry." in str(error)
    assert outcome.text == "Hello wo"
    assert len(harness.server.requests) == 1


@pytest.mark.parametrize("wire", WIRES)
async def test_a_vendor_error_event_first_is_typed(harness: Harness, check: Checker, wire: str) -> None:
    harness.server.script(Stream([vendor_error_event(wire, "Overloaded, sorry.")]))
    outcome = await harness.stream(max_retries=0)
    error = check.typed(outcome.error)
    assert "Overloaded, sorry." in str(error)
    assert outcome.text == ""


@pytest.mark.parametrize("wire", WIRES)
async def test_a_vendor_error_event_first_is_retried(
    harness: Harness, check: Checker, sleeps: list[float], wire: str
) -> None:
    harness.server.script(Stream([vendor_error_event(wire, "Overloaded, sorry.")]), Stream(stream_events(wire, TEXT)))
    outcome = await harness.stream()
    assert outcome.error is None, repr(outcome.error)
    assert outcome.text == TEXT
    assert len(harness.server.requests) == 2


@pytest.mark.parametrize("wire", WIRES)
async def test_invalid_json_in_one_event_is_a_typed_error(harness: Harness, check: Checker, wire: str) -> None:
    events = _through_first_text(wire)
    harness.server.script(Stream([*events, b'data: {"not json\n\n', *stream_events(wire, TEXT)[len(events) :]]))
    outcome = await harness.stream()
    error = check.typed(outcome.error)
    assert isinstance(error, InvalidResponseDataError | ModelStreamError)
    assert outcome.text == "Hello wo"


@pytest.mark.parametrize("wire", WIRES)
async def test_a_100_mib_line_is_refused_with_bounded_memory(harness: Harness, check: Checker, wire: str) -> None:
    harness.server.script(Flood(total_bytes=100 * 1024 * 1024))
    tracemalloc.start()
    try:
        outcome = await harness.stream()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    error = check.typed(outcome.error)
    assert isinstance(error, ResponseTooLargeError)
    # The line limit (16 MiB) and one copy of it at most: far below the 100 MiB the server offered.
    assert peak < 3 * DEFAULT_MAX_LINE_BYTES, f"peak {peak / 2**20:.1f} MiB"


@pytest.mark.parametrize("wire", WIRES)
async def test_a_stream_that_never_ends_stops_at_its_budget(harness: Harness, check: Checker, wire: str) -> None:
    harness.server.script(Stream(_through_first_text(wire), hold=True, hold_seconds=10))
    outcome = await harness.stream(timeout=TimeoutConfig(between_chunks=0.5))
    error = check.typed(outcome.error)
    assert isinstance(error, TimeoutBudgetError) and error.budget == "between_chunks"
    assert outcome.text == "Hello wo"


@pytest.mark.parametrize("wire", WIRES)
async def test_keep_alive_comments_forever_do_not_keep_a_stream_alive(
    harness: Harness, check: Checker, wire: str
) -> None:
    drip = Drip(chunk=b": keep-alive\n\n", interval=0.2, max_chunks=50, first_chunks=_through_first_text(wire))
    harness.server.script(drip)
    outcome = await harness.stream(timeout=TimeoutConfig(between_chunks=1.0))
    error = check.typed(outcome.error)
    assert isinstance(error, TimeoutBudgetError) and error.budget == "between_chunks"
    assert outcome.text == "Hello wo"


@pytest.mark.parametrize("wire", WIRES)
async def test_a_total_budget_ends_a_dripping_stream(harness: Harness, check: Checker, wire: str) -> None:
    # Real events every 0.2 s reset between_chunks; the total budget still ends the call.
    events = stream_events(wire, TEXT * 40, chunk_size=4)
    harness.server.script(Stream(events, interval=0.2))
    outcome = await harness.stream(timeout=TimeoutConfig(total=1.0, between_chunks=5.0))
    error = check.typed(outcome.error)
    assert isinstance(error, TimeoutBudgetError) and error.budget == "total"
    assert outcome.text and (TEXT * 40).startswith(outcome.text)
