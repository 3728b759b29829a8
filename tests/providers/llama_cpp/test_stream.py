"""From generated text to spec parts, and parts to a generate result: pure."""

from __future__ import annotations

import json

from ai_sdk_core.providers.llama_cpp.stream import collect_generate_result, content_parts, finish_reason, usage
from ai_sdk_core.providers.llama_cpp.tool_calls import PreparedTools
from ai_sdk_core.spec.content import TextContent, ToolCallContent
from ai_sdk_core.spec.shared import CallWarning, RequestInfo
from ai_sdk_core.spec.stream_parts import (
    Finish,
    StreamStart,
    TextDelta,
    TextEnd,
    TextStart,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
)
from ai_sdk_core.spec.tools import FunctionTool

TOOLS = PreparedTools(tools=(FunctionTool(name="get_time", input_schema={"type": "object"}),), required=False)


def test_text_is_streamed_as_it_comes() -> None:
    calls: list[ToolCallContent] = []
    parts = list(content_parts(["Hel", "lo"], TOOLS, calls))
    assert [type(part) for part in parts] == [TextStart, TextDelta, TextDelta, TextEnd]
    assert calls == []


def test_no_text_gives_no_text_parts() -> None:
    assert list(content_parts([], None, [])) == []


def test_an_answer_opening_with_a_brace_is_a_tool_call_when_tools_are_offered() -> None:
    calls: list[ToolCallContent] = []
    parts = list(content_parts(['{"name": "get_time", ', '"arguments": {}}'], TOOLS, calls))
    assert [type(part) for part in parts] == [ToolInputStart, ToolInputDelta, ToolInputEnd, ToolCallContent]
    assert len(calls) == 1 and calls[0].tool_name == "get_time" and json.loads(calls[0].input) == {}
    assert parts[0].id == calls[0].tool_call_id  # type: ignore[union-attr]


def test_without_tools_a_brace_is_just_text() -> None:
    parts = list(content_parts(['{"a": 1}'], None, []))
    assert [type(part) for part in parts] == [TextStart, TextDelta, TextEnd]


def test_a_call_cut_short_is_reported_as_the_text_written() -> None:
    calls: list[ToolCallContent] = []
    parts = list(content_parts(['{"name": "get_ti'], TOOLS, calls))
    assert calls == []
    assert [type(part) for part in parts] == [TextStart, TextDelta, TextEnd]
    assert parts[1].delta == '{"name": "get_ti'  # type: ignore[union-attr]


def test_finish_reasons() -> None:
    assert finish_reason("stop", called_tool=False).unified == "stop"
    assert finish_reason("length", called_tool=False).unified == "length"
    assert finish_reason("stop", called_tool=True).unified == "tool-calls"
    assert finish_reason("cancelled", called_tool=False).unified == "other"


def test_collecting_a_stream_gives_the_generate_result() -> None:
    warning = CallWarning(type="unsupported", feature="reasoning")
    parts = [
        StreamStart(warnings=(warning,)),
        TextStart(id="t"),
        TextDelta(id="t", delta="Hi "),
        TextDelta(id="t", delta="there"),
        TextEnd(id="t"),
        Finish(usage=usage(5, 2), finish_reason=finish_reason("stop", called_tool=False)),
    ]
    result = collect_generate_result(parts, RequestInfo(body={"x": 1}))
    assert result.content == [TextContent(text="Hi there")]
    assert result.usage.input_tokens.total == 5 and result.usage.output_tokens.total == 2
    assert result.finish_reason.unified == "stop"
    assert result.warnings == (warning,)
    assert result.request.body == {"x": 1}
