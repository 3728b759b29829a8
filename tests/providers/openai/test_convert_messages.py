"""Pure conversion of the spec prompt into Chat Completions messages (no HTTP)."""

from __future__ import annotations

import base64

import pytest

from ai_sdk_core.providers.openai_compatible.convert_to_chat_messages import (
    convert_to_chat_messages,
    tool_output_to_text,
)
from ai_sdk_core.spec import (
    AssistantMessage,
    CallWarning,
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

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8


def test_system_user_text_and_single_text_part_is_a_plain_string() -> None:
    messages, warnings = convert_to_chat_messages(
        [SystemMessage("Be brief."), UserMessage([TextPart("Hello")])],
    )
    assert messages == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hello"},
    ]
    assert warnings == []


def test_developer_and_removed_system_modes() -> None:
    prompt: Prompt = [SystemMessage("Rules"), UserMessage([TextPart("Hi")])]
    developer, _ = convert_to_chat_messages(prompt, system_message_mode="developer")
    assert developer[0] == {"role": "developer", "content": "Rules"}
    removed, warnings = convert_to_chat_messages(prompt, system_message_mode="remove")
    assert removed == [{"role": "user", "content": "Hi"}]
    assert warnings == [CallWarning(type="other", message="system messages are removed for this model")]


def test_images_bytes_base64_data_url_and_http_url() -> None:
    encoded = base64.b64encode(PNG_BYTES).decode()
    messages, _ = convert_to_chat_messages(
        [
            UserMessage(
                [
                    TextPart("What is in these?"),
                    FilePart(data=PNG_BYTES, media_type="image/png"),
                    FilePart(data=encoded, media_type="image/*"),
                    FilePart(data="data:image/gif;base64,R0lGODlh", media_type="image/gif"),
                    FilePart(
                        data="https://example.com/cat.jpg",
                        media_type="image/jpeg",
                        provider_options={"openai": {"image_detail": "low"}},
                    ),
                ]
            )
        ]
    )
    assert messages == [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is in these?"},
                {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{encoded}"}},
                # "image/*" is resolved from the PNG signature in the decoded bytes.
                {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{encoded}"}},
                {"type": "image_url", "image_url": {"url": "data:image/gif;base64,R0lGODlh"}},
                {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg", "detail": "low"}},
            ],
        }
    ]


def test_audio_and_pdf_parts() -> None:
    messages, _ = convert_to_chat_messages(
        [
            UserMessage(
                [
                    FilePart(data=b"RIFFwav", media_type="audio/wav"),
                    FilePart(data="SUQz", media_type="audio/mpeg"),
                    FilePart(data=b"%PDF-1.7", media_type="application/pdf", filename="report.pdf"),
                    FilePart(data="data:application/pdf;base64,JVBERg==", media_type="application/pdf"),
                ]
            )
        ]
    )
    assert messages[0]["content"] == [
        {"type": "input_audio", "input_audio": {"data": base64.b64encode(b"RIFFwav").decode(), "format": "wav"}},
        {"type": "input_audio", "input_audio": {"data": "SUQz", "format": "mp3"}},
        {
            "type": "file",
            "file": {"filename": "report.pdf", "file_data": "data:application/pdf;base64,JVBERi0xLjc="},
        },
        {"type": "file", "file": {"filename": "part-3.pdf", "file_data": "data:application/pdf;base64,JVBERg=="}},
    ]


@pytest.mark.parametrize(
    ("part", "functionality"),
    [
        (FilePart(data="https://example.com/a.wav", media_type="audio/wav"), "audio file parts with URLs"),
        (FilePart(data=b"x", media_type="audio/ogg"), "audio content parts with media type audio/ogg"),
        (FilePart(data="https://example.com/a.pdf", media_type="application/pdf"), "PDF file parts with URLs"),
        (FilePart(data=b"x", media_type="text/csv"), "file part media type text/csv"),
    ],
)
def test_unsupported_files_raise(part: FilePart, functionality: str) -> None:
    with pytest.raises(UnsupportedFunctionalityError) as raised:
        convert_to_chat_messages([UserMessage([TextPart("x"), part])])
    assert raised.value.functionality == functionality


def test_assistant_text_tool_calls_and_dropped_reasoning() -> None:
    messages, warnings = convert_to_chat_messages(
        [
            AssistantMessage(
                [
                    ReasoningPart("thinking..."),
                    TextPart("Let me check. "),
                    TextPart("One moment."),
                    ToolCallPart(tool_call_id="call_1", tool_name="weather", input={"city": "Zürich"}),
                    ToolCallPart(tool_call_id="call_2", tool_name="time", input=None),
                ]
            ),
            AssistantMessage([ToolCallPart(tool_call_id="call_3", tool_name="time", input={})]),
            AssistantMessage([TextPart("Done.")]),
        ]
    )
    assert warnings == []
    assert messages == [
        {
            "role": "assistant",
            "content": "Let me check. One moment.",
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": '{"city":"Zürich"}'}},
                {"id": "call_2", "type": "function", "function": {"name": "time", "arguments": "{}"}},
            ],
        },
        # With tool calls and no text, content is null (an empty string is rejected by some servers).
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call_3", "type": "function", "function": {"name": "time", "arguments": "{}"}}],
        },
        {"role": "assistant", "content": "Done."},
    ]


def test_tool_messages_one_per_result_with_every_output_kind() -> None:
    outputs = [
        ToolResultOutput(type="text", value="sunny"),
        ToolResultOutput(type="json", value={"celsius": 21, "city": "Zürich"}),
        ToolResultOutput(type="error-text", value="city not found"),
        ToolResultOutput(type="error-json", value={"error": "timeout"}),
        ToolResultOutput(type="execution-denied", reason="user said no"),
        ToolResultOutput(type="execution-denied"),
        ToolResultOutput(
            type="content",
            value=[
                ToolResultContentItem(type="text", text="chart:"),
                ToolResultContentItem(type="media", data="iVBO", media_type="image/png"),
            ],
        ),
    ]
    messages, _ = convert_to_chat_messages(
        [
            ToolMessage(
                [
                    ToolResultPart(tool_call_id=f"call_{index}", tool_name="tool", output=output)
                    for index, output in enumerate(outputs)
                ]
            )
        ]
    )
    assert [message["content"] for message in messages] == [
        "sunny",
        '{"celsius":21,"city":"Zürich"}',
        "city not found",
        '{"error":"timeout"}',
        "user said no",
        "Tool call execution denied.",
        '[{"type":"text","text":"chart:"},{"type":"media","data":"iVBO","media_type":"image/png"}]',
    ]
    assert [message["tool_call_id"] for message in messages] == [f"call_{index}" for index in range(7)]
    assert {message["role"] for message in messages} == {"tool"}


def test_tool_output_to_text_json_is_compact_and_unescaped() -> None:
    assert tool_output_to_text(ToolResultOutput(type="json", value=["é", 1.5, None])) == '["é",1.5,null]'
