"""The scenarios the JS-client tests drive: what the mock model answers in each, the tools, and the texts the
tests check (``driver.mjs`` holds what the client does in each).

``model_for(scenario, request)`` is a fresh :class:`MockLanguageModel` per request, so a test reads the calls of
that one request; scenarios with two turns tell them apart by the posted messages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio

from ai_sdk_core import tool
from ai_sdk_core.spec.content import FileContent, SourceContent
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.stream_parts import (
    Finish,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    StreamPart,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
)
from ai_sdk_core.testing import (
    MockLanguageModel,
    mock_usage,
    simulate_stream,
    text_stream_parts,
    tool_call_stream_parts,
)
from ai_sdk_core.ui import ChatRequest

__all__ = [
    "PNG_BYTES",
    "REASONING_METADATA",
    "SCENARIOS",
    "SECRET_ERROR_TEXT",
    "SHOWN_ERROR_TEXT",
    "TEXT_METADATA",
    "get_weather",
    "get_weather_approved",
    "message_metadata",
    "model_for",
]

SCENARIOS = (
    "text",
    "reasoning",
    "tool-call",
    "tool-error",
    "data",
    "metadata",
    "server-error",
    "abort",
    "second-turn",
    "approval",
    "approval-denied",
    "rich",
    "invalid-tool",
    "keep-alive",
    "text-protocol",
    "regenerate",
    "server-error-text",
    "execute-error",
)
"""Every scenario the app serves (the client side of each is in driver.mjs)."""

SECRET_ERROR_TEXT = "upstream failed: replica db-7 unreachable (internal detail)"
"""The real error of the ``*-error`` scenarios: logged on the server, never sent to the client."""

SHOWN_ERROR_TEXT = "The weather service is busy, try again."
"""What ``on_error`` lets the client see in the ``server-error-text`` scenario."""

# How long the ``abort`` scenario holds its stream open waiting for the client to stop it. Only a bound: the
# client stops as soon as it shows the first text, and a server that misses the disconnect fails the test.
_ABORT_HOLD_SECONDS = 20.0


def _weather(city: str) -> str:
    """The weather of a city."""
    if city == "Atlantis":
        raise ValueError("no weather station in Atlantis")
    return f"sunny in {city}"


get_weather = tool(_weather, name="get_weather")
# The same tool, run only once the user approved the call (the ``approval*`` scenarios).
get_weather_approved = tool(_weather, name="get_weather", needs_approval=True)


def _reasoning_parts() -> list[StreamPart]:
    return [
        StreamStart(),
        ReasoningStart(id="r1"),
        ReasoningDelta(id="r1", delta="The user wants "),
        ReasoningDelta(id="r1", delta="a short answer."),
        ReasoningEnd(id="r1"),
        TextStart(id="t1"),
        TextDelta(id="t1", delta="Short answer."),
        TextEnd(id="t1"),
        Finish(usage=mock_usage(), finish_reason=FinishReason(unified="stop", raw="stop")),
    ]


# Provider metadata that must survive the round trip client -> server -> model prompt.
TEXT_METADATA = {"mock": {"itemId": "msg_1"}}
REASONING_METADATA = {"mock": {"signature": "sig-123"}}
PNG_BYTES = b"\x89PNG\r\n\x1a\n-mock"


def _rich_parts() -> list[StreamPart]:
    """Sources, a file, reasoning and text with provider metadata, and a finish for the token limit."""
    return [
        StreamStart(),
        SourceContent(source_type="url", id="src-1", url="https://example.com/a", title="Example A"),
        SourceContent(
            source_type="document",
            id="src-2",
            media_type="application/pdf",
            title="Report",
            filename="report.pdf",
            provider_metadata={"mock": {"page": 3}},
        ),
        FileContent(media_type="image/png", data=PNG_BYTES),
        ReasoningStart(id="r1", provider_metadata=REASONING_METADATA),
        ReasoningDelta(id="r1", delta="Checking sources."),
        ReasoningEnd(id="r1", provider_metadata=REASONING_METADATA),
        TextStart(id="t1", provider_metadata=TEXT_METADATA),
        TextDelta(id="t1", delta="See the report"),
        TextEnd(id="t1", provider_metadata=TEXT_METADATA),
        Finish(usage=mock_usage(), finish_reason=FinishReason(unified="length", raw="max_tokens")),
    ]


async def _slow_stream(_options: Any) -> AsyncIterator[StreamPart]:
    """Text with pauses, so that keep-alive comments can fall between the chunks."""
    for index, part in enumerate(text_stream_parts("Still ", "here.")):
        if index in (2, 3):
            await anyio.sleep(0.15)
        yield part


async def _held_stream(_options: Any) -> AsyncIterator[StreamPart]:
    """Text that starts and then waits (until the client goes away and the stream is closed)."""
    for part in (StreamStart(), TextStart(id="t1"), TextDelta(id="t1", delta="Hello")):
        yield part
    await anyio.sleep(_ABORT_HOLD_SECONDS)
    yield TextDelta(id="t1", delta=" (the client should have stopped before this)")
    yield TextEnd(id="t1")
    yield Finish(usage=mock_usage(), finish_reason=FinishReason(unified="stop", raw="stop"))


def _user_turns(request: ChatRequest) -> int:
    return sum(1 for message in request.messages if message.role == "user")


def model_for(scenario: str, request: ChatRequest) -> MockLanguageModel:
    weather_call = tool_call_stream_parts(("call-1", "get_weather", {"city": "Paris"}))
    if scenario == "text":
        return MockLanguageModel(do_stream=text_stream_parts("Hello", ", ", "wörld! 👋"))
    if scenario == "reasoning":
        return MockLanguageModel(do_stream=_reasoning_parts())
    if scenario == "tool-call" or (scenario == "second-turn" and _user_turns(request) == 1):
        return MockLanguageModel(do_stream=[weather_call, text_stream_parts("It is sunny ", "in Paris.")])
    if scenario == "second-turn":
        return MockLanguageModel(do_stream=text_stream_parts("Tomorrow too."))
    if scenario == "tool-error":
        atlantis_call = tool_call_stream_parts(("call-1", "get_weather", {"city": "Atlantis"}))
        return MockLanguageModel(do_stream=[atlantis_call, text_stream_parts("I could not find it.")])
    if scenario in ("data", "metadata", "execute-error"):
        return MockLanguageModel(do_stream=text_stream_parts("Done."))
    if scenario in ("server-error", "server-error-text"):
        failing = [*text_stream_parts("Partial")[:3], RuntimeError(SECRET_ERROR_TEXT)]
        return MockLanguageModel(do_stream=lambda _options: simulate_stream(failing))
    if scenario == "abort":
        return MockLanguageModel(do_stream=_held_stream)
    if scenario == "rich":
        if _user_turns(request) == 1:
            return MockLanguageModel(do_stream=_rich_parts())
        return MockLanguageModel(do_stream=text_stream_parts("Noted."))
    if scenario == "invalid-tool":
        if _user_turns(request) == 1:
            unknown_call = tool_call_stream_parts(("call-9", "get_horoscope", {"sign": "Leo"}))
            return MockLanguageModel(do_stream=[unknown_call, text_stream_parts("I cannot do that.")])
        return MockLanguageModel(do_stream=text_stream_parts("Still no."))
    if scenario == "keep-alive":
        return MockLanguageModel(do_stream=_slow_stream)
    if scenario == "text-protocol":
        return MockLanguageModel(do_stream=text_stream_parts("Plain ", "text ✓"))
    if scenario == "regenerate":
        answer = "Second answer." if request.trigger == "regenerate-message" else "First answer."
        return MockLanguageModel(do_stream=text_stream_parts(answer))
    if scenario.startswith("approval"):
        if request.messages[-1].role == "user":
            return MockLanguageModel(do_stream=weather_call)  # ends waiting for the approval
        answer = "It is sunny in Paris." if scenario == "approval" else "Fine, I will not look it up."
        return MockLanguageModel(do_stream=text_stream_parts(answer))
    raise LookupError(scenario)


def message_metadata(part: Any) -> Any:
    """Message metadata on the ``start``, ``finish-step`` and ``finish`` parts."""
    if part.type == "start":
        return {"createdAt": 1_700_000_000_000, "model": "mock-model-id"}
    if part.type == "finish-step":
        return {"stepTokens": part.usage.total_tokens}
    if part.type == "finish":
        return {"totalTokens": part.total_usage.total_tokens, "finishReason": part.finish_reason}
    return None
