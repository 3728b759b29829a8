"""The spec prompt -> Responses API input items, incl. the item ids and encrypted reasoning sent back."""

from __future__ import annotations

import pytest

from ai_sdk_core.providers.openai.responses.convert_input import ResponsesInputSettings, convert_to_responses_input
from ai_sdk_core.spec import (
    AssistantMessage,
    FilePart,
    Prompt,
    ReasoningPart,
    SystemMessage,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultContentItem,
    ToolResultOutput,
    ToolResultPart,
    UnsupportedFunctionalityError,
    UserMessage,
)

NOT_STORED = ResponsesInputSettings(store=False)


def openai(**values: object) -> dict[str, dict[str, object]]:
    return {"openai": dict(values)}


def test_system_message_follows_the_mode() -> None:
    prompt: Prompt = [SystemMessage("Be brief.")]
    assert convert_to_responses_input(prompt)[0] == [{"role": "system", "content": "Be brief."}]
    developer = ResponsesInputSettings(system_message_mode="developer")
    assert convert_to_responses_input(prompt, developer)[0] == [{"role": "developer", "content": "Be brief."}]
    items, warnings = convert_to_responses_input(prompt, ResponsesInputSettings(system_message_mode="remove"))
    assert items == []
    assert warnings[0].type == "other"


def test_user_text_images_and_files() -> None:
    prompt: Prompt = [
        UserMessage(
            [
                TextPart("Look:"),
                FilePart(data=b"\x89PNG", media_type="image/png", provider_options=openai(image_detail="low")),
                FilePart(data="https://example.com/cat.jpg", media_type="image/jpeg"),
                FilePart(data="file-abc123", media_type="image/png"),
                FilePart(data="JVBERi0=", media_type="application/pdf", filename="report.pdf"),
                FilePart(data="https://example.com/paper.pdf", media_type="application/pdf"),
                FilePart(data="file-pdf42", media_type="application/pdf"),
            ]
        )
    ]
    items, warnings = convert_to_responses_input(prompt)
    assert warnings == []
    assert items == [
        {
            "role": "user",
            "content": [
                {"type": "input_text", "text": "Look:"},
                {"type": "input_image", "image_url": "data:image/png;base64,iVBORw==", "detail": "low"},
                {"type": "input_image", "image_url": "https://example.com/cat.jpg"},
                {"type": "input_image", "file_id": "file-abc123"},
                {"type": "input_file", "filename": "report.pdf", "file_data": "data:application/pdf;base64,JVBERi0="},
                {"type": "input_file", "file_url": "https://example.com/paper.pdf"},
                {"type": "input_file", "file_id": "file-pdf42"},
            ],
        }
    ]


def test_unsupported_file_type_is_an_error() -> None:
    with pytest.raises(UnsupportedFunctionalityError):
        convert_to_responses_input([UserMessage([FilePart(data=b"RIFF", media_type="audio/wav")])])


def _earlier_turn() -> AssistantMessage:
    return AssistantMessage(
        [
            ReasoningPart(
                "First thought.", provider_options=openai(item_id="rs_1", reasoning_encrypted_content="gAAA-secret")
            ),
            ReasoningPart(
                "Second thought.", provider_options=openai(item_id="rs_1", reasoning_encrypted_content="gAAA-secret")
            ),
            TextPart("Let me check.", provider_options=openai(item_id="msg_1")),
            ToolCallPart("call_1", "get_weather", {"city": "Paris"}, provider_options=openai(item_id="fc_1")),
        ]
    )


def test_not_stored_items_go_back_whole_with_ids_and_encrypted_reasoning() -> None:
    items, warnings = convert_to_responses_input([_earlier_turn()], NOT_STORED)
    assert warnings == []
    assert items == [
        {
            "type": "reasoning",
            "id": "rs_1",
            # Two summary parts of one reasoning item rejoin that item.
            "summary": [
                {"type": "summary_text", "text": "First thought."},
                {"type": "summary_text", "text": "Second thought."},
            ],
            "encrypted_content": "gAAA-secret",
        },
        {"role": "assistant", "content": [{"type": "output_text", "text": "Let me check."}], "id": "msg_1"},
        {
            "type": "function_call",
            "call_id": "call_1",
            "name": "get_weather",
            "arguments": '{"city":"Paris"}',
            "id": "fc_1",
        },
    ]


def test_stored_items_are_sent_as_references_once() -> None:
    items, _ = convert_to_responses_input([_earlier_turn()])
    assert items == [
        {"type": "item_reference", "id": "rs_1"},
        {"type": "item_reference", "id": "msg_1"},
        {"type": "item_reference", "id": "fc_1"},
    ]


def test_parts_without_item_ids_are_sent_whole() -> None:
    prompt: Prompt = [AssistantMessage([TextPart("Hi"), ToolCallPart("call_9", "lookup", "plain string")])]
    items, _ = convert_to_responses_input(prompt)
    assert items == [
        {"role": "assistant", "content": [{"type": "output_text", "text": "Hi"}]},
        # The input is a parsed JSON value: a string is sent as a JSON string.
        {"type": "function_call", "call_id": "call_9", "name": "lookup", "arguments": '"plain string"'},
    ]


def test_reasoning_without_item_id_is_dropped_with_a_warning() -> None:
    items, warnings = convert_to_responses_input([AssistantMessage([ReasoningPart("from another provider")])])
    assert items == []
    assert "item id" in (warnings[0].message or "")


def test_empty_reasoning_summary_keeps_the_encrypted_item() -> None:
    part = ReasoningPart("", provider_options=openai(item_id="rs_2", reasoning_encrypted_content="gAAA-2"))
    items, _ = convert_to_responses_input([AssistantMessage([part])], NOT_STORED)
    assert items == [{"type": "reasoning", "id": "rs_2", "summary": [], "encrypted_content": "gAAA-2"}]


def test_provider_executed_tool_items() -> None:
    message = AssistantMessage(
        [
            ToolCallPart("ws_1", "web_search", {}, provider_executed=True, provider_options=openai(item_id="ws_1")),
            ToolResultPart(
                "ws_1", "web_search", ToolResultOutput(type="json", value={}), provider_options=openai(item_id="ws_1")
            ),
        ]
    )
    stored, _ = convert_to_responses_input([message])
    assert stored == [{"type": "item_reference", "id": "ws_1"}]
    not_stored, warnings = convert_to_responses_input([message], NOT_STORED)
    assert not_stored == []
    assert "store is off" in (warnings[0].message or "")


def test_tool_outputs() -> None:
    image = ToolResultContentItem(type="media", data="iVBORw==", media_type="image/png")
    prompt: Prompt = [
        ToolMessage(
            [
                ToolResultPart("c1", "t", ToolResultOutput(type="text", value="21 degrees")),
                ToolResultPart("c2", "t", ToolResultOutput(type="json", value={"temperature": 21})),
                ToolResultPart("c3", "t", ToolResultOutput(type="execution-denied", reason="not allowed")),
                ToolResultPart(
                    "c4",
                    "t",
                    ToolResultOutput(type="content", value=[ToolResultContentItem(type="text", text="chart:"), image]),
                ),
            ]
        )
    ]
    items, _ = convert_to_responses_input(prompt)
    assert items == [
        {"type": "function_call_output", "call_id": "c1", "output": "21 degrees"},
        {"type": "function_call_output", "call_id": "c2", "output": '{"temperature":21}'},
        {"type": "function_call_output", "call_id": "c3", "output": "not allowed"},
        {
            "type": "function_call_output",
            "call_id": "c4",
            "output": [
                {"type": "input_text", "text": "chart:"},
                {"type": "input_image", "image_url": "data:image/png;base64,iVBORw=="},
            ],
        },
    ]


def test_not_stored_text_parts_of_one_message_item_rejoin_one_item() -> None:
    def text(value: str, item_id: str) -> TextPart:
        return TextPart(value, provider_options={"openai": {"item_id": item_id}})

    prompt: Prompt = [
        AssistantMessage([text("Part one. ", "msg_1"), text("Part two.", "msg_1"), text("Next.", "msg_2")])
    ]
    items, _ = convert_to_responses_input(prompt, NOT_STORED)
    assert items == [
        {
            "role": "assistant",
            "content": [{"type": "output_text", "text": "Part one. "}, {"type": "output_text", "text": "Part two."}],
            "id": "msg_1",
        },
        {"role": "assistant", "content": [{"type": "output_text", "text": "Next."}], "id": "msg_2"},
    ]
