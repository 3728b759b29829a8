"""Pure helpers: tool preparation, stop reasons, usage, error bodies, options, model capabilities."""

from __future__ import annotations

import pytest

from ai_sdk_core.providers.anthropic.language_model import model_capabilities
from ai_sdk_core.providers.anthropic.options import parse_anthropic_options
from ai_sdk_core.providers.anthropic.prepare_tools import prepare_anthropic_tools
from ai_sdk_core.providers.anthropic.response import (
    convert_anthropic_usage,
    map_anthropic_stop_reason,
    parse_anthropic_error,
)
from ai_sdk_core.spec import FunctionTool, InputTokens, InvalidArgumentError, ProviderTool, ToolChoice

WEATHER = FunctionTool("get_weather", {"type": "object"}, description="Weather of a city")


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (None, None),
        (ToolChoice("auto"), {"type": "auto"}),
        (ToolChoice("required"), {"type": "any"}),
        (ToolChoice("none"), {"type": "none"}),
        (ToolChoice("tool", "get_weather"), {"type": "tool", "name": "get_weather"}),
    ],
)
def test_tool_choice_mapping(choice: ToolChoice | None, expected: object) -> None:
    prepared = prepare_anthropic_tools([WEATHER], choice)
    assert prepared.tools == [
        {"name": "get_weather", "input_schema": {"type": "object"}, "description": "Weather of a city"}
    ]
    assert prepared.tool_choice == expected


def test_disable_parallel_tool_use_rides_on_the_tool_choice() -> None:
    assert prepare_anthropic_tools([WEATHER], None, disable_parallel_tool_use=True).tool_choice == {
        "type": "auto",
        "disable_parallel_tool_use": True,
    }
    assert prepare_anthropic_tools([WEATHER], ToolChoice("required"), disable_parallel_tool_use=True).tool_choice == {
        "type": "any",
        "disable_parallel_tool_use": True,
    }


def test_no_tools_sends_neither_tools_nor_choice() -> None:
    prepared = prepare_anthropic_tools(None, ToolChoice("required"))
    assert (prepared.tools, prepared.tool_choice) == (None, None)


def test_function_tool_cache_control() -> None:
    tool = FunctionTool(
        "f", {"type": "object"}, provider_options={"anthropic": {"cache_control": {"type": "ephemeral"}}}
    )
    assert prepare_anthropic_tools([tool], None).tools == [
        {"name": "f", "input_schema": {"type": "object"}, "cache_control": {"type": "ephemeral"}}
    ]


def test_provider_tools_map_to_types_names_and_betas() -> None:
    prepared = prepare_anthropic_tools(
        [
            ProviderTool("anthropic.web_search_20250305", "web_search", {"maxUses": 3, "allowedDomains": ["a.org"]}),
            ProviderTool("anthropic.code_execution_20250522", "code_execution"),
            ProviderTool("anthropic.text_editor_20250124", "str_replace_editor"),
            ProviderTool("anthropic.bash_20250124", "bash"),
            ProviderTool("anthropic.text_editor_20250728", "str_replace_based_edit_tool", {"max_characters": 900}),
            ProviderTool("anthropic.teleport_20990101", "teleport"),
        ],
        None,
    )
    assert prepared.tools == [
        {"type": "web_search_20250305", "name": "web_search", "max_uses": 3, "allowed_domains": ["a.org"]},
        {"type": "code_execution_20250522", "name": "code_execution"},
        {"type": "text_editor_20250124", "name": "str_replace_editor"},
        {"type": "bash_20250124", "name": "bash"},
        {"type": "text_editor_20250728", "name": "str_replace_based_edit_tool", "max_characters": 900},
    ]
    assert prepared.betas == {"code-execution-2025-05-22", "computer-use-2025-01-24"}
    assert [warning.feature for warning in prepared.warnings] == ["provider tool anthropic.teleport_20990101"]


@pytest.mark.parametrize(
    ("stop_reason", "json_tool", "unified"),
    [
        ("end_turn", False, "stop"),
        ("stop_sequence", False, "stop"),
        ("pause_turn", False, "stop"),
        ("max_tokens", False, "length"),
        ("model_context_window_exceeded", False, "length"),
        ("tool_use", False, "tool-calls"),
        ("tool_use", True, "stop"),
        ("refusal", False, "content-filter"),
        ("something_new", False, "other"),
        (None, False, "other"),
    ],
)
def test_stop_reasons(stop_reason: str | None, json_tool: bool, unified: str) -> None:
    mapped = map_anthropic_stop_reason(stop_reason, json_tool=json_tool)
    assert (mapped.unified, mapped.raw) == (unified, stop_reason)


def test_usage_adds_cache_writes_and_reads_to_the_input_total() -> None:
    raw = {"input_tokens": 12, "cache_creation_input_tokens": 1500, "cache_read_input_tokens": 300, "output_tokens": 7}
    usage = convert_anthropic_usage(raw)
    assert usage.input_tokens == InputTokens(total=1812, no_cache=12, cache_read=300, cache_write=1500)
    assert usage.output_tokens.total == 7
    assert usage.raw == raw


def test_missing_usage_is_not_zero() -> None:
    assert convert_anthropic_usage(None).input_tokens.total is None


def test_error_body_message_and_data() -> None:
    body = '{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests exceeded"}}'
    parsed = parse_anthropic_error(429, {}, body)
    assert parsed is not None
    message, data = parsed
    assert message == "Number of requests exceeded"
    assert data["error"]["type"] == "rate_limit_error"
    assert parse_anthropic_error(502, {}, "<html>Bad gateway</html>") is None


def test_options_are_strict() -> None:
    options = parse_anthropic_options({"anthropic": {"thinking": {"type": "enabled", "budget_tokens": 2048}}})
    assert options.thinking is not None and options.thinking.budget_tokens == 2048
    with pytest.raises(InvalidArgumentError, match="disableParallelToolUse"):
        parse_anthropic_options({"anthropic": {"disableParallelToolUse": True}})


@pytest.mark.parametrize(
    ("model_id", "max_tokens", "structured"),
    [
        ("claude-sonnet-4-5-20250929", 64000, True),
        ("claude-opus-4-1-20250805", 32000, True),
        ("claude-sonnet-4-20250514", 64000, False),
        ("claude-3-5-haiku-latest", 8192, False),
        ("claude-3-haiku-20240307", 4096, False),
        ("someone-elses-model", 4096, False),
    ],
)
def test_model_capabilities(model_id: str, max_tokens: int, structured: bool) -> None:
    capabilities = model_capabilities(model_id)
    assert (capabilities.max_output_tokens, capabilities.structured_output) == (max_tokens, structured)
