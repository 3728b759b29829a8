"""Scripted models shared by the LlamaIndex adapter tests (spec parts built by hand, no network)."""

from __future__ import annotations

from typing import Any

from ai_sdk_core.spec.content import ReasoningContent, TextContent, ToolCallContent, ToolResultContent
from ai_sdk_core.spec.finish_reason import FinishReason
from ai_sdk_core.spec.language_model import GenerateResult
from ai_sdk_core.spec.stream_parts import (
    Finish,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
)
from ai_sdk_core.spec.usage import InputTokens, OutputTokens, Usage

SIGNATURE = {"anthropic": {"signature": "sig-123"}}
CALL_METADATA = {"google": {"thoughtSignature": "thought-abc"}}
REASONING_TOKENS = 4


def _usage(input_tokens: int, output_tokens: int) -> Usage:
    """Usage whose output includes :data:`REASONING_TOKENS` hidden reasoning tokens."""
    return Usage(
        input_tokens=InputTokens(total=input_tokens),
        output_tokens=OutputTokens(total=output_tokens, reasoning=REASONING_TOKENS),
    )


def thinking_tool_result(*, usage: tuple[int, int] = (11, 7)) -> GenerateResult:
    """Reasoning with a signature, some text, two tool calls (one carrying provider metadata)."""
    return GenerateResult(
        content=[
            ReasoningContent(text="Let me think.", provider_metadata=SIGNATURE),
            TextContent(text="Checking both."),
            ToolCallContent(
                tool_call_id="call-1", tool_name="add", input='{"a": 1, "b": 2}', provider_metadata=CALL_METADATA
            ),
            ToolCallContent(tool_call_id="call-2", tool_name="multiply", input='{"a": 3, "b": 4}'),
        ],
        finish_reason=FinishReason(unified="tool-calls", raw="tool_use"),
        usage=_usage(*usage),
    )


def thinking_tool_stream(*, usage: tuple[int, int] = (11, 7)) -> list[Any]:
    """The streamed twin of :func:`thinking_tool_result`, text and arguments cut into several deltas."""
    return [
        StreamStart(),
        ReasoningStart(id="r1"),
        ReasoningDelta(id="r1", delta="Let me "),
        ReasoningDelta(id="r1", delta="think."),
        ReasoningEnd(id="r1", provider_metadata=SIGNATURE),
        TextStart(id="t1"),
        TextDelta(id="t1", delta="Checking "),
        TextDelta(id="t1", delta="both."),
        TextEnd(id="t1"),
        ToolInputStart(id="call-1", tool_name="add"),
        ToolInputDelta(id="call-1", delta='{"a": 1, '),
        ToolInputDelta(id="call-1", delta='"b": 2}'),
        ToolInputEnd(id="call-1"),
        ToolCallContent(
            tool_call_id="call-1", tool_name="add", input='{"a": 1, "b": 2}', provider_metadata=CALL_METADATA
        ),
        ToolInputStart(id="call-2", tool_name="multiply"),
        ToolInputDelta(id="call-2", delta='{"a": 3, "b": 4}'),
        ToolInputEnd(id="call-2"),
        ToolCallContent(tool_call_id="call-2", tool_name="multiply", input='{"a": 3, "b": 4}'),
        Finish(usage=_usage(*usage), finish_reason=FinishReason(unified="tool-calls", raw="tool_use")),
    ]


SEARCH_METADATA = {"anthropic": {"server": "web"}}
SEARCH_HITS = [{"url": "https://example.com/tea", "title": "Tea"}]


def provider_tool_parts() -> list[Any]:
    """A web search the provider ran itself: its call and its result (spec parts, as a provider emits them)."""
    return [
        ToolCallContent(
            tool_call_id="srv-1",
            tool_name="web_search",
            input='{"query": "green tea"}',
            provider_executed=True,
            provider_metadata=SEARCH_METADATA,
        ),
        ToolResultContent(tool_call_id="srv-1", tool_name="web_search", result=SEARCH_HITS),
    ]


def provider_tool_result() -> GenerateResult:
    """An answer after a provider-executed web search."""
    return GenerateResult(
        content=[*provider_tool_parts(), TextContent(text="Steamed soon after picking.")],
        finish_reason=FinishReason(unified="stop", raw="end_turn"),
        usage=_usage(5, 5),
    )


def provider_tool_stream() -> list[Any]:
    """The streamed twin of :func:`provider_tool_result`."""
    return [
        StreamStart(),
        *provider_tool_parts(),
        TextStart(id="t1"),
        TextDelta(id="t1", delta="Steamed soon "),
        TextDelta(id="t1", delta="after picking."),
        TextEnd(id="t1"),
        Finish(usage=_usage(5, 5), finish_reason=FinishReason(unified="stop", raw="end_turn")),
    ]
