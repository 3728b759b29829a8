"""Case 10 (usage): an answer that ends without the vendor's finish event keeps the usage the vendor already
reported. Anthropic sends the input (and cache) counts in ``message_start`` and a running output count in each
``message_delta``; Gemini repeats running totals in each chunk's ``usageMetadata``; OpenAI Chat reports usage only
at the end, so a cut answer there has unknown usage (``None``, never 0).

Two ways an answer ends early: the consumer stops reading after the first text delta (closing the run), or the
connection is cut after some deltas (a ``StreamInterruptedError`` part). Each for sync and async.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any, Final

import pytest

from ai_sdk_core import astream_text, stream_text
from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.providers.anthropic.stream import AnthropicStreamDecoder
from ai_sdk_core.providers.google.stream import GoogleStreamDecoder
from ai_sdk_core.spec import StreamInterruptedError
from ai_sdk_core.testing import Stream
from tests.reliability.conftest import Checker, Harness
from tests.reliability.wires import stream_events

pytestmark = pytest.mark.anyio

TEXT: Final = "Hello world, partial"
INPUT_TOKENS: Final = 1234  # recognisable: no default or sum could produce it
CACHE_READ: Final = 56
CACHE_WRITE: Final = 7
OUTPUT_SO_FAR: Final = 3


def _event_json(event: bytes) -> tuple[bytes, dict[str, Any]]:
    """The event's lines before ``data:`` and its JSON."""
    head, _, data = event.partition(b"data: ")
    return head, json.loads(data)


def _with_json(head: bytes, data: dict[str, Any]) -> bytes:
    return head + b"data: " + json.dumps(data, separators=(",", ":")).encode() + b"\n\n"


def _reported_usage(wire: str, event: bytes) -> bytes:
    """The scripted server's event with recognisable usage counts where the vendor reports them mid-stream."""
    head, data = _event_json(event)
    if wire == "anthropic" and data.get("type") == "message_start":
        data["message"]["usage"] = {
            "input_tokens": INPUT_TOKENS,
            "cache_read_input_tokens": CACHE_READ,
            "cache_creation_input_tokens": CACHE_WRITE,
            "output_tokens": 1,
        }
    elif wire == "google" and "usageMetadata" in data:
        data["usageMetadata"] = {
            "promptTokenCount": INPUT_TOKENS,
            "cachedContentTokenCount": CACHE_READ,
            "candidatesTokenCount": OUTPUT_SO_FAR,
            "totalTokenCount": INPUT_TOKENS + OUTPUT_SO_FAR,
        }
    else:
        return event
    return _with_json(head, data)


def _running_output(wire: str) -> bytes | None:
    """An Anthropic ``message_delta`` without a stop reason: the running output count, mid-answer."""
    if wire != "anthropic":
        return None
    data = {"type": "message_delta", "delta": {"stop_reason": None, "stop_sequence": None}}
    return _with_json(b"event: message_delta\n", data | {"usage": {"output_tokens": OUTPUT_SO_FAR}})


def _events_through_first_text(wire: str) -> list[bytes]:
    """The events up to the first text delta ("Hello wo") included, usage rewritten; for Anthropic, one
    running-count ``message_delta`` follows it."""
    events = [_reported_usage(wire, event) for event in stream_events(wire, TEXT)]
    index = next(position for position, event in enumerate(events) if b"Hello wo" in event)
    kept = events[: index + 1]
    running = _running_output(wire)
    return [*kept, running] if running is not None else kept


def _whole_answer(wire: str) -> list[bytes]:
    events = [_reported_usage(wire, event) for event in stream_events(wire, TEXT)]
    index = next(position for position, event in enumerate(events) if b"Hello wo" in event)
    running = _running_output(wire)
    return events[: index + 1] + ([running] if running is not None else []) + events[index + 1 :]


def _assert_reported_input(usage: Any, wire: str) -> None:
    if wire == "anthropic":
        assert usage.input_tokens == INPUT_TOKENS + CACHE_READ + CACHE_WRITE
        details = usage.input_token_details
        assert (details.no_cache_tokens, details.cache_read_tokens, details.cache_write_tokens) == (
            INPUT_TOKENS,
            CACHE_READ,
            CACHE_WRITE,
        )
    else:
        assert usage.input_tokens == INPUT_TOKENS
        assert usage.input_token_details.cache_read_tokens == CACHE_READ
    assert usage.output_tokens == OUTPUT_SO_FAR


async def _stop_after_first_text(harness: Harness) -> tuple[str, list[Any], Any]:
    """Read until the first text delta, then close the run: its text, steps and total usage. Telemetry on: its
    wrapper replaces the provider's stream with a generator of its own, and the usage must still come through."""
    telemetry = {"is_enabled": True, "tracer": harness.spans.tracer}
    arguments: dict[str, Any] = {"model": harness.model, "prompt": "Say hello.", "experimental_telemetry": telemetry}
    if harness.mode == "sync":
        result = stream_text(**arguments)
        with contextlib.closing(result):
            for part in result.full_stream:
                if part.type == "text-delta":
                    break
        return result.text, result.steps, result.total_usage
    async_result = astream_text(**arguments)
    async with async_result:
        async for part in async_result.full_stream:
            if part.type == "text-delta":
                break
    return await async_result.text, await async_result.steps, await async_result.total_usage


@pytest.mark.parametrize("wire", ["anthropic", "google"])
async def test_a_consumer_that_stops_early_keeps_the_reported_usage(harness: Harness, wire: str) -> None:
    # The server would send the whole answer; the consumer stops once the first text delta arrived.
    harness.server.script(Stream(_whole_answer(wire), interval=0.05))
    text, steps, total_usage = await _stop_after_first_text(harness)
    assert text == "Hello wo"
    usage = steps[-1].usage
    assert usage.input_tokens == (INPUT_TOKENS + CACHE_READ + CACHE_WRITE if wire == "anthropic" else INPUT_TOKENS)
    # The output count: the last one reported before the close (Anthropic: message_start's 1 or the running
    # count; Gemini: the first chunk's), never a made-up 0.
    assert usage.output_tokens in ({1, OUTPUT_SO_FAR} if wire == "anthropic" else {OUTPUT_SO_FAR})
    assert total_usage.input_tokens == usage.input_tokens


@pytest.mark.parametrize("wire", ["anthropic", "google"])
async def test_a_cut_stream_keeps_the_text_and_the_reported_usage(harness: Harness, check: Checker, wire: str) -> None:
    harness.server.script(Stream(_events_through_first_text(wire), cut=True))
    outcome = await harness.stream()
    assert isinstance(check.typed(outcome.error), StreamInterruptedError)
    assert outcome.parts[-1].type == "error"
    assert outcome.text == "Hello wo"
    result = outcome.result
    steps = result.steps if harness.mode == "sync" else await result.steps
    total_usage = result.total_usage if harness.mode == "sync" else await result.total_usage
    assert steps[-1].finish_reason == "error"
    _assert_reported_input(steps[-1].usage, wire)
    _assert_reported_input(total_usage, wire)


@pytest.mark.parametrize("wire", ["anthropic"])
async def test_a_vendor_error_after_partial_output_keeps_the_reported_usage(harness: Harness, wire: str) -> None:
    from tests.reliability.wires import vendor_error_event

    harness.server.script(Stream([*_events_through_first_text(wire), vendor_error_event(wire, "Overloaded")]))
    outcome = await harness.stream()
    assert outcome.error is not None and outcome.parts[-1].type == "error"
    assert outcome.text == "Hello wo"
    result = outcome.result
    steps = result.steps if harness.mode == "sync" else await result.steps
    _assert_reported_input(steps[-1].usage, wire)


@pytest.mark.parametrize("wire", ["openai-chat"])
async def test_a_cut_openai_chat_stream_has_unknown_usage_not_zero(harness: Harness, check: Checker, wire: str) -> None:
    events = stream_events(wire, TEXT)
    index = next(position for position, event in enumerate(events) if b"Hello wo" in event)
    harness.server.script(Stream(events[: index + 1], cut=True))
    outcome = await harness.stream()
    assert isinstance(check.typed(outcome.error), StreamInterruptedError)
    assert outcome.text == "Hello wo"
    result = outcome.result
    steps = result.steps if harness.mode == "sync" else await result.steps
    usage = steps[-1].usage
    assert (usage.input_tokens, usage.output_tokens, usage.total_tokens) == (None, None, None)


@pytest.mark.parametrize("wire", ["anthropic", "google"])
async def test_a_complete_answer_still_reports_the_final_usage(harness: Harness, wire: str) -> None:
    # The final report wins over the running one: nothing changes for an answer that reached its end.
    harness.server.script(Stream(_whole_answer(wire)))
    outcome = await harness.stream()
    assert outcome.error is None and outcome.text == TEXT
    result = outcome.result
    usage = result.usage if harness.mode == "sync" else await result.usage
    assert usage.input_tokens == (INPUT_TOKENS + CACHE_READ + CACHE_WRITE if wire == "anthropic" else INPUT_TOKENS)
    assert usage.output_tokens == (6 if wire == "anthropic" else OUTPUT_SO_FAR)


def _sse(data: dict[str, Any]) -> ServerSentEvent:
    return ServerSentEvent(data=json.dumps(data))


def test_the_anthropic_decoder_reports_only_the_counts_it_received() -> None:
    decoder = AnthropicStreamDecoder()
    assert decoder.usage_so_far() is None  # nothing reported yet: unknown, not zeros
    decoder.feed(_sse({"type": "message_start", "message": {"id": "m", "usage": {"input_tokens": 40}}}))
    usage = decoder.usage_so_far()
    assert usage is not None
    assert (usage.input_tokens.total, usage.input_tokens.no_cache) == (40, 40)
    assert (usage.input_tokens.cache_read, usage.input_tokens.cache_write, usage.output_tokens.total) == (
        None,
        None,
        None,
    )
    decoder.feed(_sse({"type": "message_delta", "delta": {}, "usage": {"output_tokens": 9}}))
    later = decoder.usage_so_far()
    assert later is not None and later.output_tokens.total == 9 and later.input_tokens.total == 40


def test_the_gemini_decoder_reports_the_latest_running_totals() -> None:
    decoder = GoogleStreamDecoder(new_id=lambda: "id")
    assert decoder.usage_so_far() is None
    chunk: dict[str, Any] = {"candidates": [{"content": {"parts": [{"text": "Hi"}]}}]}
    decoder.feed(_sse(chunk | {"usageMetadata": {"promptTokenCount": 12}}))
    usage = decoder.usage_so_far()
    assert usage is not None
    assert usage.input_tokens.total == 12 and usage.output_tokens.total is None
    decoder.feed(_sse(chunk | {"usageMetadata": {"promptTokenCount": 12, "candidatesTokenCount": 4}}))
    later = decoder.usage_so_far()
    assert later is not None and later.output_tokens.total == 4
