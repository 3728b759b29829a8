"""Pure mapping of tools, finish reasons and usage (no HTTP)."""

from __future__ import annotations

import pytest

from ai_sdk_core.providers.openai_compatible.map_finish_reason import map_openai_compatible_finish_reason
from ai_sdk_core.providers.openai_compatible.prepare_tools import prepare_chat_tools
from ai_sdk_core.providers.openai_compatible.usage import convert_openai_compatible_usage
from ai_sdk_core.spec import (
    CallWarning,
    FinishReason,
    FunctionTool,
    InputTokens,
    OutputTokens,
    ProviderTool,
    ToolChoice,
    Usage,
)

WEATHER = FunctionTool(
    name="weather",
    description="Current weather",
    input_schema={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    strict=True,
)
CLOCK = FunctionTool(name="clock", input_schema={"type": "object", "properties": {}})


def test_function_tools_keep_strict_only_when_set() -> None:
    prepared = prepare_chat_tools([WEATHER, CLOCK], None)
    assert prepared.tools == [
        {
            "type": "function",
            "function": {
                "name": "weather",
                "description": "Current weather",
                "parameters": WEATHER.input_schema,
                "strict": True,
            },
        },
        {"type": "function", "function": {"name": "clock", "parameters": {"type": "object", "properties": {}}}},
    ]
    assert prepared.tool_choice is None
    assert prepared.warnings == []


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (ToolChoice("auto"), "auto"),
        (ToolChoice("none"), "none"),
        (ToolChoice("required"), "required"),
        (ToolChoice("tool", tool_name="clock"), {"type": "function", "function": {"name": "clock"}}),
    ],
)
def test_tool_choice(choice: ToolChoice, expected: object) -> None:
    assert prepare_chat_tools([CLOCK], choice).tool_choice == expected


def test_provider_tools_are_dropped_with_a_warning() -> None:
    prepared = prepare_chat_tools([ProviderTool(id="openai.web_search", name="web_search"), CLOCK], None)
    assert [tool["function"]["name"] for tool in prepared.tools or []] == ["clock"]
    assert prepared.warnings == [
        CallWarning(
            type="unsupported",
            feature="provider-defined tool openai.web_search",
            details="Chat Completions only accepts function tools.",
        )
    ]


def test_no_tools_sends_neither_tools_nor_choice() -> None:
    no_tools: tuple[list[FunctionTool] | None, ...] = (None, [])
    for tools in no_tools:
        prepared = prepare_chat_tools(tools, ToolChoice("required"))
        assert (prepared.tools, prepared.tool_choice) == (None, None)


@pytest.mark.parametrize(
    ("raw", "unified"),
    [
        ("stop", "stop"),
        ("length", "length"),
        ("content_filter", "content-filter"),
        ("tool_calls", "tool-calls"),
        ("function_call", "tool-calls"),
        ("eos", "other"),
        (None, "other"),
    ],
)
def test_finish_reason_keeps_raw(raw: str | None, unified: str) -> None:
    assert map_openai_compatible_finish_reason(raw) == FinishReason(unified=unified, raw=raw)  # type: ignore[arg-type]


def test_usage_with_cached_and_reasoning_tokens() -> None:
    raw = {
        "prompt_tokens": 1200,
        "completion_tokens": 300,
        "total_tokens": 1500,
        "prompt_tokens_details": {"cached_tokens": 1024, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 256, "accepted_prediction_tokens": 0},
    }
    assert convert_openai_compatible_usage(raw) == Usage(
        input_tokens=InputTokens(total=1200, no_cache=176, cache_read=1024, cache_write=None),
        output_tokens=OutputTokens(total=300, text=44, reasoning=256),
        raw=raw,
    )


def test_usage_minimal_and_missing() -> None:
    assert convert_openai_compatible_usage({"prompt_tokens": 5, "completion_tokens": 2}) == Usage(
        input_tokens=InputTokens(total=5, no_cache=5, cache_read=0),
        output_tokens=OutputTokens(total=2, text=2, reasoning=0),
        raw={"prompt_tokens": 5, "completion_tokens": 2},
    )
    assert convert_openai_compatible_usage(None) == Usage()
