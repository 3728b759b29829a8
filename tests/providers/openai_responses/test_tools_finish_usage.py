"""Tool preparation, built-in tool factories, finish reasons, usage and annotation sources (pure functions)."""

from __future__ import annotations

import pytest

from ai_sdk_core.providers.openai.responses import openai_tools
from ai_sdk_core.providers.openai.responses.output_items import (
    annotation_source,
    built_in_tool_parts,
    convert_responses_usage,
    map_responses_finish_reason,
)
from ai_sdk_core.providers.openai.responses.prepare_tools import prepare_responses_tools
from ai_sdk_core.spec import FunctionTool, InputTokens, OutputTokens, ProviderTool, ToolChoice, ToolDefinition

WEATHER = FunctionTool(
    name="get_weather",
    description="Weather in a city",
    input_schema={"type": "object", "properties": {"city": {"type": "string"}}},
    strict=True,
)


def test_function_and_built_in_tools() -> None:
    prepared = prepare_responses_tools(
        [
            WEATHER,
            FunctionTool(name="ping", input_schema={"type": "object"}),
            openai_tools.web_search(search_context_size="low", allowed_domains=["example.com"], name="search"),
            openai_tools.file_search(vector_store_ids=["vs_1"], max_num_results=3),
            openai_tools.code_interpreter(container={"file_ids": ["file-1"]}),
            openai_tools.image_generation(size="1024x1024", output_format="png"),
        ],
        None,
    )
    assert prepared.tools == [
        {
            "type": "function",
            "name": "get_weather",
            "description": "Weather in a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
            "strict": True,
        },
        {"type": "function", "name": "ping", "parameters": {"type": "object"}, "strict": False},
        {"type": "web_search", "search_context_size": "low", "filters": {"allowed_domains": ["example.com"]}},
        {"type": "file_search", "vector_store_ids": ["vs_1"], "max_num_results": 3},
        {"type": "code_interpreter", "container": {"type": "auto", "file_ids": ["file-1"]}},
        {"type": "image_generation", "output_format": "png", "size": "1024x1024"},
    ]
    assert prepared.tool_choice is None
    assert prepared.warnings == []
    assert prepared.tool_names["web_search"] == "search"


def test_code_interpreter_container_forms() -> None:
    tools = prepare_responses_tools(
        [openai_tools.code_interpreter(), openai_tools.code_interpreter(container="cntr_1", name="ci2")], None
    ).tools
    assert tools == [
        {"type": "code_interpreter", "container": {"type": "auto"}},
        {"type": "code_interpreter", "container": "cntr_1"},
    ]


def test_other_providers_tools_are_dropped_with_a_warning() -> None:
    prepared = prepare_responses_tools([ProviderTool(id="anthropic.bash_20250124", name="bash")], None)
    assert prepared.tools is None
    assert prepared.warnings[0].feature == "provider-defined tool anthropic.bash_20250124"


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (ToolChoice("auto"), "auto"),
        (ToolChoice("none"), "none"),
        (ToolChoice("required"), "required"),
        (ToolChoice("tool", "get_weather"), {"type": "function", "name": "get_weather"}),
        (ToolChoice("tool", "web_search"), {"type": "web_search"}),
    ],
)
def test_tool_choice(choice: ToolChoice, expected: object) -> None:
    prepared = prepare_responses_tools([WEATHER, openai_tools.web_search()], choice)
    assert prepared.tool_choice == expected


@pytest.mark.parametrize(
    ("status", "reason", "has_function_call", "unified"),
    [
        ("completed", None, False, "stop"),
        ("completed", None, True, "tool-calls"),
        ("incomplete", "max_output_tokens", False, "length"),
        ("incomplete", "content_filter", True, "content-filter"),
        ("incomplete", "something_new", False, "other"),
        ("failed", None, False, "error"),
    ],
)
def test_finish_reasons(status: str, reason: str | None, has_function_call: bool, unified: str) -> None:
    mapped = map_responses_finish_reason(status, reason, has_function_call=has_function_call)
    assert mapped.unified == unified
    assert mapped.raw == (reason or status)


def test_usage_with_cached_and_reasoning_tokens() -> None:
    raw = {
        "input_tokens": 300,
        "input_tokens_details": {"cached_tokens": 256},
        "output_tokens": 180,
        "output_tokens_details": {"reasoning_tokens": 160},
        "total_tokens": 480,
    }
    usage = convert_responses_usage(raw)
    assert usage.input_tokens == InputTokens(total=300, no_cache=44, cache_read=256)
    assert usage.output_tokens == OutputTokens(total=180, text=20, reasoning=160)
    assert usage.raw == raw
    assert convert_responses_usage(None).input_tokens.total is None


def test_annotation_sources() -> None:
    url = annotation_source({"type": "url_citation", "url": "https://a.example", "title": "A"}, "s1")
    assert url is not None
    assert (url.source_type, url.url, url.title, url.id) == ("url", "https://a.example", "A", "s1")
    document = annotation_source({"type": "file_citation", "file_id": "file-1", "filename": "notes.md"}, "s2")
    assert document is not None
    assert (document.source_type, document.filename) == ("document", "notes.md")
    assert annotation_source({"type": "file_path", "file_id": "file-2"}, "s3") is None


def test_built_in_tool_items_become_provider_executed_call_and_result() -> None:
    item = {
        "id": "ci_1",
        "type": "code_interpreter_call",
        "status": "completed",
        "container_id": "cntr_1",
        "code": "print(2 + 2)",
        "outputs": [{"type": "logs", "logs": "4\n"}],
    }
    call, result = built_in_tool_parts(item, {"code_interpreter": "python"})
    assert (call.tool_call_id, call.tool_name, call.provider_executed) == ("ci_1", "python", True)
    assert call.input == '{"container_id":"cntr_1","code":"print(2 + 2)"}'
    assert result.result == {"outputs": [{"type": "logs", "logs": "4\n"}]}
    assert result.is_error is None
    preview, _ = built_in_tool_parts({"id": "ws_1", "type": "web_search_call"}, {"web_search_preview": "preview"})
    assert preview.tool_name == "preview"


def test_function_tools_always_say_whether_they_are_strict() -> None:
    # Without "strict" the Responses API assumes strict mode, which would make the optional "unit" required.
    optional = {"type": "object", "properties": {"city": {"type": "string"}, "unit": {"type": "string"}}}
    closed = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
    closed["additionalProperties"] = False
    tools: list[ToolDefinition] = [
        FunctionTool(name="loose", input_schema=optional),
        FunctionTool(name="closed", input_schema=closed),
        FunctionTool(name="forced", input_schema=optional, strict=True),
    ]
    prepared = prepare_responses_tools(tools, None)
    assert prepared.tools is not None
    assert [entry["strict"] for entry in prepared.tools] == [False, True, True]
