"""validate_ui_messages: strict checks with metadata, data-part and tool schemas, errors naming where."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from ai_sdk_core.spec.errors import InvalidArgumentError
from ai_sdk_core.tools import tool
from ai_sdk_core.ui.errors import UIMessageValidationError
from ai_sdk_core.ui.messages import DynamicToolUIPart, ToolUIPart, UIMessage
from ai_sdk_core.ui.validate import validate_ui_messages
from tests.ui.test_request import SECOND_TURN


class Metadata(BaseModel):
    model: str
    createdAt: int  # noqa: N815 - the wire name


class Weather(BaseModel):
    city: str
    status: str


def get_weather(city: str, unit: str = "celsius") -> str:
    """Weather of a city."""
    return city


def test_the_client_second_turn_is_valid() -> None:
    messages = validate_ui_messages(SECOND_TURN["messages"])
    assert [message.to_dict() for message in messages] == SECOND_TURN["messages"]


def test_schemas_validate_and_replace_values() -> None:
    assistant = {
        "id": "a",
        "role": "assistant",
        "metadata": {"model": "m", "createdAt": 1},
        "parts": [{"type": "data-weather", "id": "w", "data": {"city": "Paris", "status": "done"}}],
    }
    (message,) = validate_ui_messages([assistant], metadata_schema=Metadata, data_schemas={"weather": Weather})
    assert message.metadata == Metadata(model="m", createdAt=1)
    assert message.parts[0].data == Weather(city="Paris", status="done")  # type: ignore[union-attr]
    assert message.to_dict() == assistant  # validated values serialise back to the wire shape


def test_json_schema_dicts_work_too() -> None:
    schema = {"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}}}
    message = {"id": "a", "role": "assistant", "parts": [{"type": "data-weather", "data": {"city": 3}}]}
    with pytest.raises(UIMessageValidationError) as caught:
        validate_ui_messages([message], data_schemas={"weather": schema})
    assert (caught.value.message_index, caught.value.part_index) == (0, 0)
    assert str(caught.value).startswith("messages[0].parts[0]:")


def test_data_part_without_a_schema_is_rejected_when_schemas_are_given() -> None:
    message = {"id": "a", "role": "assistant", "parts": [{"type": "text", "text": "x"}, {"type": "data-x", "data": 1}]}
    with pytest.raises(UIMessageValidationError) as caught:
        validate_ui_messages([message], data_schemas={"weather": Weather})
    assert caught.value.part_index == 1
    validate_ui_messages([message])  # without schemas, data parts are not checked


def test_metadata_mismatch_names_the_message() -> None:
    messages = [
        {
            "id": "u",
            "role": "user",
            "parts": [{"type": "text", "text": "x"}],
            "metadata": {"model": "m", "createdAt": 1},
        },
        {"id": "a", "role": "assistant", "parts": [], "metadata": {"model": 3}},
    ]
    with pytest.raises(UIMessageValidationError) as caught:
        validate_ui_messages(messages, metadata_schema=Metadata)
    assert (caught.value.message_index, caught.value.part_index) == (1, None)


@pytest.mark.parametrize(
    ("messages", "message_index", "part_index", "fragment"),
    [
        ([], 0, None, "non-empty"),
        (["x"], 0, None, "object"),
        ([{"role": "user", "parts": []}], 0, None, "id"),
        ([{"id": "u", "role": "tool", "parts": [{"type": "text", "text": "x"}]}], 0, None, "role"),
        ([{"id": "u", "role": "user", "parts": []}], 0, None, "at least one part"),
        ([{"id": "u", "role": "user", "parts": [{"type": "text", "text": 1}]}], 0, 0, "text"),
        ([{"id": "u", "role": "user", "parts": [{"type": "text", "text": "a", "state": "x"}]}], 0, 0, "state"),
        ([{"id": "u", "role": "user", "parts": [{"type": "brand-new"}]}], 0, 0, "unknown part type"),
        ([{"id": "u", "role": "user", "parts": [{"type": "file", "url": "x"}]}], 0, 0, "mediaType"),
    ],
)
def test_structure_errors(messages: list[Any], message_index: int, part_index: int | None, fragment: str) -> None:
    with pytest.raises(UIMessageValidationError) as caught:
        validate_ui_messages(messages)
    assert caught.value.message_index == message_index
    assert caught.value.part_index == part_index
    assert fragment in str(caught.value)


def tool_part(state: str, **fields: Any) -> dict[str, Any]:
    return {"type": "tool-getWeather", "toolCallId": "c", "state": state, **fields}


@pytest.mark.parametrize(
    ("part", "fragment"),
    [
        (tool_part("done"), "state must be one of"),
        (tool_part("input-available", input={}, output=1), "output must be absent"),
        (tool_part("input-available", input={}, output=None), "output must be absent"),
        (tool_part("input-available"), "input is required"),
        (tool_part("output-available", input={}), "output is required"),
        (tool_part("output-error", input={}), "errorText is required"),
        (tool_part("approval-requested", input={}), "approval is required"),
        (tool_part("approval-requested", input={}, approval={"id": "a", "approved": True}), "absent"),
        (tool_part("approval-responded", input={}, approval={"id": "a"}), "boolean"),
        (tool_part("output-denied", input={}, approval={"id": "a", "approved": True}), "false"),
        (tool_part("output-available", input={}, output=1, approval={"id": "a", "approved": False}), "true"),
        (tool_part("input-available", input={}, approval={"id": "a"}), "approval must be absent"),
        ({"type": "dynamic-tool", "toolCallId": "c", "state": "input-available"}, "toolName is required"),
    ],
)
def test_tool_part_states(part: dict[str, Any], fragment: str) -> None:
    with pytest.raises(UIMessageValidationError) as caught:
        validate_ui_messages([{"id": "a", "role": "assistant", "parts": [part]}])
    assert fragment in str(caught.value)
    assert caught.value.part_index == 0


def test_tool_inputs_are_checked_against_the_tools() -> None:
    tools = {"getWeather": tool(get_weather)}
    good = tool_part("input-available", input={"city": "Paris"})
    validate_ui_messages([{"id": "a", "role": "assistant", "parts": [good]}], tools=tools)
    bad = tool_part("input-available", input={"town": "Paris"})
    with pytest.raises(UIMessageValidationError) as caught:
        validate_ui_messages([{"id": "a", "role": "assistant", "parts": [good, bad]}], tools=tools)
    assert caught.value.part_index == 1 and "getWeather" in str(caught.value)


def test_unknown_or_mismatched_tools_of_finished_calls_become_dynamic() -> None:
    tools = {"getWeather": tool(get_weather)}
    finished_unknown = {"type": "tool-gone", "toolCallId": "g", "state": "output-available", "input": {}, "output": 1}
    failed_mismatch = tool_part("output-error", input={"town": "x"}, errorText="bad input")
    (message,) = validate_ui_messages(
        [{"id": "a", "role": "assistant", "parts": [finished_unknown, failed_mismatch]}], tools=tools
    )
    first, second = message.parts
    assert isinstance(first, DynamicToolUIPart) and first.tool_name == "gone" and first.dynamic is False
    assert isinstance(second, DynamicToolUIPart) and second.tool_name == "getWeather"
    pending_unknown = {"type": "tool-gone", "toolCallId": "g", "state": "input-available", "input": {}}
    with pytest.raises(UIMessageValidationError, match="no tool named 'gone'"):
        validate_ui_messages([{"id": "a", "role": "assistant", "parts": [pending_unknown]}], tools=tools)


def test_streaming_input_is_not_checked() -> None:
    tools = {"getWeather": tool(get_weather)}
    part = tool_part("input-streaming", input={"ci": "P"})
    (message,) = validate_ui_messages([{"id": "a", "role": "assistant", "parts": [part]}], tools=tools)
    assert isinstance(message.parts[0], ToolUIPart)


def test_ui_message_objects_are_accepted() -> None:
    message = UIMessage.model_validate({"id": "u", "role": "user", "parts": [{"type": "text", "text": "x"}]})
    assert validate_ui_messages([message])[0].to_dict() == message.to_dict()


def test_an_unusable_schema_is_an_argument_error() -> None:
    with pytest.raises(InvalidArgumentError):
        validate_ui_messages([{"id": "u", "role": "user", "parts": [{"type": "text", "text": "x"}]}], metadata_schema=3)


def test_type_adapters_are_accepted() -> None:
    from pydantic import TypeAdapter

    message = {"id": "a", "role": "assistant", "parts": [{"type": "data-count", "data": "3"}]}
    (parsed,) = validate_ui_messages([message], data_schemas={"count": TypeAdapter(int)})
    assert parsed.parts[0].data == 3  # type: ignore[union-attr]
    with pytest.raises(UIMessageValidationError) as caught:
        validate_ui_messages(
            [{**message, "parts": [{"type": "data-count", "data": "x"}]}], data_schemas={"count": TypeAdapter(int)}
        )
    assert caught.value.part_index == 0
