"""Prompt conversion for chat templates: pure, runs without llama_cpp."""

from __future__ import annotations

import base64

import pytest

from ai_sdk_core.providers.llama_cpp.convert import (
    convert_to_chat_messages,
    format_tool_output,
    response_format_instruction,
    tools_instruction,
)
from ai_sdk_core.spec.call_options import ResponseFormat
from ai_sdk_core.spec.errors import UnsupportedFunctionalityError
from ai_sdk_core.spec.prompt import (
    AssistantMessage,
    FilePart,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserMessage,
)
from ai_sdk_core.spec.tools import FunctionTool

WEATHER = FunctionTool(
    name="get_weather",
    description="Current weather of a city.",
    input_schema={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
)


def test_a_conversation_keeps_roles_and_order() -> None:
    messages = convert_to_chat_messages(
        [
            SystemMessage(content="Be brief."),
            UserMessage(content=[TextPart(text="Hi"), TextPart(text="there")]),
            AssistantMessage(content=[ReasoningPart(text="hidden"), TextPart(text="Hello!")]),
            UserMessage(content=[TextPart(text="Bye")]),
        ]
    )
    assert messages == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hi\nthere"},
        {"role": "assistant", "content": "Hello!"},
        {"role": "user", "content": "Bye"},
    ]


def test_instructions_join_the_first_system_turn_or_make_one() -> None:
    with_system = convert_to_chat_messages(
        [SystemMessage(content="Be brief."), UserMessage(content=[TextPart(text="Hi")])], instructions=["Use tools."]
    )
    assert with_system[0] == {"role": "system", "content": "Be brief.\n\nUse tools."}
    without = convert_to_chat_messages([UserMessage(content=[TextPart(text="Hi")])], instructions=["Use tools."])
    assert without == [{"role": "system", "content": "Use tools."}, {"role": "user", "content": "Hi"}]


def test_tool_calls_and_results_become_text_turns() -> None:
    messages = convert_to_chat_messages(
        [
            UserMessage(content=[TextPart(text="Weather in Oslo?")]),
            AssistantMessage(
                content=[ToolCallPart(tool_call_id="c1", tool_name="get_weather", input={"city": "Oslo"})]
            ),
            ToolMessage(
                content=[
                    ToolResultPart(
                        tool_call_id="c1",
                        tool_name="get_weather",
                        output=ToolResultOutput(type="json", value={"degrees": 4}),
                    )
                ]
            ),
        ]
    )
    assert messages[1] == {"role": "assistant", "content": '{"name":"get_weather","arguments":{"city":"Oslo"}}'}
    assert messages[2] == {"role": "user", "content": 'Result of the tool get_weather: {"degrees":4}'}


@pytest.mark.parametrize(
    ("output", "text"),
    [
        (ToolResultOutput(type="text", value="sunny"), "sunny"),
        (ToolResultOutput(type="error-text", value="timeout"), "Error: timeout"),
        (ToolResultOutput(type="error-json", value={"code": 1}), 'Error: {"code":1}'),
        (ToolResultOutput(type="execution-denied", reason="no"), "The call was not approved: no"),
    ],
)
def test_tool_outputs_read_as_text(output: ToolResultOutput, text: str) -> None:
    assert format_tool_output(output) == text


def test_text_files_are_inlined_and_other_files_refused() -> None:
    encoded = base64.b64encode(b"file body").decode()
    messages = convert_to_chat_messages([UserMessage(content=[FilePart(data=encoded, media_type="text/plain")])])
    assert messages == [{"role": "user", "content": "file body"}]
    with pytest.raises(UnsupportedFunctionalityError, match="image/png"):
        convert_to_chat_messages([UserMessage(content=[FilePart(data=b"\x89PNG", media_type="image/png")])])


def test_tools_instruction_lists_each_tool_with_its_schema() -> None:
    optional = tools_instruction([WEATHER], required=False)
    assert "get_weather: Current weather of a city." in optional
    assert '"required":["city"]' in optional
    assert "Otherwise reply in plain text." in optional
    assert "Otherwise" not in tools_instruction([WEATHER], required=True)


def test_response_format_instruction_only_for_json() -> None:
    assert response_format_instruction(None) is None
    assert response_format_instruction(ResponseFormat(type="text")) is None
    text = response_format_instruction(ResponseFormat(type="json", schema={"type": "object"}))
    assert text is not None and '{"type":"object"}' in text
