"""Tool preparation, the call schema and reading a call: pure, runs without llama_cpp."""

from __future__ import annotations

import json

import pytest

from ai_sdk_core.providers.llama_cpp.tool_calls import parse_tool_call, prepare_tools, tool_call_schema
from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.spec.tools import FunctionTool, ProviderTool, ToolChoice

WEATHER = FunctionTool(
    name="get_weather",
    input_schema={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
)
TIME = FunctionTool(name="get_time", input_schema={"type": "object", "properties": {}})


def test_auto_offers_every_function_tool_and_warns_about_provider_tools() -> None:
    prepared, warnings = prepare_tools([WEATHER, ProviderTool(id="openai.web_search", name="search"), TIME], None)
    assert prepared is not None
    assert [tool.name for tool in prepared.tools] == ["get_weather", "get_time"]
    assert not prepared.required
    assert [warning.feature for warning in warnings] == ["provider-defined tool openai.web_search"]


def test_none_means_text_only_and_required_forces_a_call() -> None:
    assert prepare_tools([WEATHER], ToolChoice(type="none"))[0] is None
    assert prepare_tools([], ToolChoice(type="required"))[0] is None
    required, _ = prepare_tools([WEATHER, TIME], ToolChoice(type="required"))
    assert required is not None and required.required and len(required.tools) == 2


def test_a_named_tool_is_the_only_one_offered_and_must_exist() -> None:
    named, _ = prepare_tools([WEATHER, TIME], ToolChoice(type="tool", tool_name="get_time"))
    assert named is not None and named.required and [tool.name for tool in named.tools] == ["get_time"]
    with pytest.raises(InvalidArgumentError, match="nope"):
        prepare_tools([WEATHER], ToolChoice(type="tool", tool_name="nope"))


def test_one_tool_gives_one_object_schema() -> None:
    schema = tool_call_schema([WEATHER])
    assert schema["properties"]["name"] == {"const": "get_weather"}
    assert schema["properties"]["arguments"] == WEATHER.input_schema
    assert schema["additionalProperties"] is False


def test_several_tools_give_an_any_of_and_definitions_move_to_the_root() -> None:
    with_definitions = FunctionTool(
        name="book",
        input_schema={
            "type": "object",
            "properties": {"when": {"$ref": "#/$defs/Slot"}},
            "$defs": {"Slot": {"type": "string", "enum": ["am", "pm"]}},
        },
    )
    schema = tool_call_schema([WEATHER, with_definitions])
    assert [variant["properties"]["name"]["const"] for variant in schema["anyOf"]] == ["get_weather", "book"]
    booking_arguments = schema["anyOf"][1]["properties"]["arguments"]
    assert booking_arguments["properties"]["when"] == {"$ref": "#/$defs/tool1_Slot"}
    assert "$defs" not in booking_arguments
    assert schema["$defs"] == {"tool1_Slot": {"type": "string", "enum": ["am", "pm"]}}


def test_parse_tool_call_reads_a_complete_call_of_an_offered_tool() -> None:
    call = parse_tool_call('{"name": "get_weather", "arguments": {"city": "Oslo"}}', [WEATHER])
    assert call is not None
    assert call.tool_name == "get_weather"
    assert json.loads(call.input) == {"city": "Oslo"}
    assert call.tool_call_id.startswith("call_")


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "get_weather", "arguments": {"city": "Os',  # cut short
        '{"name": "delete_everything", "arguments": {}}',  # not offered
        '{"name": "get_weather", "arguments": "Oslo"}',  # arguments not an object
        "[1, 2]",
    ],
)
def test_parse_tool_call_rejects_what_is_not_a_call(text: str) -> None:
    assert parse_tool_call(text, [WEATHER]) is None
