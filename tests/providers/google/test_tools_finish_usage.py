"""Tool preparation, finish reasons, usage and error bodies: pure functions of data."""

from __future__ import annotations

import pytest

from ai_sdk_core.providers.google import (
    convert_google_usage,
    google,
    map_google_finish_reason,
    parse_google_error,
    prepare_google_tools,
)
from ai_sdk_core.spec import FunctionTool, ProviderTool, ToolChoice

WEATHER = FunctionTool(
    name="get_weather",
    description="Current weather",
    input_schema={"type": "object", "properties": {"city": {"type": "string"}}, "additionalProperties": False},
)
NOW = FunctionTool(name="now", input_schema={"type": "object", "properties": {}})


def test_function_tools_become_one_declaration_list() -> None:
    prepared = prepare_google_tools([WEATHER, NOW], None)
    assert prepared.tools == [
        {
            "functionDeclarations": [
                {
                    "name": "get_weather",
                    "description": "Current weather",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
                },
                {"name": "now", "description": ""},
            ]
        }
    ]
    assert prepared.tool_config is None
    assert prepared.warnings == []


@pytest.mark.parametrize(
    ("choice", "config"),
    [
        (ToolChoice("auto"), {"mode": "AUTO"}),
        (ToolChoice("none"), {"mode": "NONE"}),
        (ToolChoice("required"), {"mode": "ANY"}),
        (ToolChoice("tool", "get_weather"), {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}),
    ],
)
def test_tool_choice_sets_the_function_calling_mode(choice: ToolChoice, config: dict[str, object]) -> None:
    assert prepare_google_tools([WEATHER], choice).tool_config == {"functionCallingConfig": config}


def test_no_tools_send_nothing() -> None:
    prepared = prepare_google_tools([], ToolChoice("required"))
    assert (prepared.tools, prepared.tool_config) == (None, None)


def test_provider_tools_pass_through_as_built_in_tools() -> None:
    tools = [
        google.tools.google_search(),
        google.tools.url_context(),
        google.tools.code_execution(),
        ProviderTool(id="google.file_search", name="file_search", args={"fileSearchStoreNames": ["stores/a"]}),
        ProviderTool(id="openai.web_search", name="web_search"),
    ]
    prepared = prepare_google_tools(tools, None)
    assert prepared.tools == [
        {"googleSearch": {}},
        {"urlContext": {}},
        {"codeExecution": {}},
        {"fileSearch": {"fileSearchStoreNames": ["stores/a"]}},
    ]
    assert [warning.feature for warning in prepared.warnings] == ["provider-defined tool openai.web_search"]


def test_mixing_function_and_provider_tools_keeps_the_provider_tools_and_warns() -> None:
    prepared = prepare_google_tools([WEATHER, google.tools.google_search()], ToolChoice("required"))
    assert prepared.tools == [{"googleSearch": {}}]
    assert prepared.tool_config is None
    assert prepared.warnings[0].feature == "combination of function and provider-defined tools"


@pytest.mark.parametrize(
    ("raw", "has_tool_calls", "unified"),
    [
        ("STOP", False, "stop"),
        ("STOP", True, "tool-calls"),
        ("MAX_TOKENS", False, "length"),
        ("SAFETY", False, "content-filter"),
        ("RECITATION", False, "content-filter"),
        ("BLOCKLIST", False, "content-filter"),
        ("PROHIBITED_CONTENT", False, "content-filter"),
        ("SPII", False, "content-filter"),
        ("IMAGE_SAFETY", False, "content-filter"),
        ("MALFORMED_FUNCTION_CALL", True, "error"),
        ("OTHER", False, "other"),
        ("LANGUAGE", False, "other"),
        (None, False, "other"),
    ],
)
def test_finish_reasons(raw: str | None, has_tool_calls: bool, unified: str) -> None:
    reason = map_google_finish_reason(raw, has_tool_calls=has_tool_calls)
    assert (reason.unified, reason.raw) == (unified, raw)


def test_usage_splits_cached_input_and_thought_output() -> None:
    raw = {
        "promptTokenCount": 100,
        "cachedContentTokenCount": 60,
        "candidatesTokenCount": 20,
        "thoughtsTokenCount": 30,
        "totalTokenCount": 150,
    }
    usage = convert_google_usage(raw)
    assert (usage.input_tokens.total, usage.input_tokens.no_cache, usage.input_tokens.cache_read) == (100, 40, 60)
    assert usage.input_tokens.cache_write is None
    assert (usage.output_tokens.total, usage.output_tokens.text, usage.output_tokens.reasoning) == (50, 20, 30)
    assert usage.raw == raw


def test_missing_usage_is_unknown_not_zero() -> None:
    usage = convert_google_usage(None)
    assert usage.input_tokens.total is None and usage.output_tokens.total is None and usage.raw is None


def test_error_bodies() -> None:
    body = '{"error": {"code": 404, "message": "models/nope is not found", "status": "NOT_FOUND"}}'
    parsed = parse_google_error(404, {}, body)
    assert parsed is not None
    message, data = parsed
    assert message == "models/nope is not found"
    assert data["error"]["status"] == "NOT_FOUND"
    listed = parse_google_error(400, {}, f"[{body}]")
    assert listed is not None and listed[0] == "models/nope is not found"
    assert parse_google_error(502, {}, "<html>Bad gateway</html>") is None
    assert parse_google_error(400, {}, '{"error": "just a string"}') is None
