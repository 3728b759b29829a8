"""The spec prompt to Gemini's ``systemInstruction`` and ``contents``."""

from __future__ import annotations

import pytest

from ai_sdk_core.providers.google import convert_to_google_messages
from ai_sdk_core.providers.google.convert_messages import SKIP_THOUGHT_SIGNATURE_VALIDATOR
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


def _signed(signature: str) -> dict[str, dict[str, str]]:
    return {"google": {"thoughtSignature": signature}}


def test_system_messages_join_the_system_instruction() -> None:
    converted = convert_to_google_messages(
        [SystemMessage("Be brief."), SystemMessage("Answer in French."), UserMessage([TextPart("Hi")])]
    )
    assert converted.system_instruction == {"parts": [{"text": "Be brief."}, {"text": "Answer in French."}]}
    assert converted.contents == [{"role": "user", "parts": [{"text": "Hi"}]}]
    assert converted.warnings == []


def test_a_system_message_after_the_conversation_started_is_refused() -> None:
    with pytest.raises(UnsupportedFunctionalityError):
        convert_to_google_messages([UserMessage([TextPart("Hi")]), SystemMessage("Late.")])


def test_gemma_gets_the_system_text_in_its_first_user_turn() -> None:
    converted = convert_to_google_messages(
        [SystemMessage("Be brief."), UserMessage([TextPart("Hi")])], model_id="gemma-3-27b-it"
    )
    assert converted.system_instruction is None
    assert converted.contents == [{"role": "user", "parts": [{"text": "Be brief.\n\n"}, {"text": "Hi"}]}]


def test_user_files_inline_or_by_uri() -> None:
    files_url = "https://generativelanguage.googleapis.com/v1beta/files/abc123"
    converted = convert_to_google_messages(
        [
            UserMessage(
                [
                    FilePart(data=b"\x89PNG", media_type="image/png"),
                    FilePart(data="aGVsbG8=", media_type="application/pdf"),
                    FilePart(data="data:image/webp;base64,UklGRg==", media_type="image/*"),
                    FilePart(data=files_url, media_type="video/mp4"),
                    FilePart(data="https://www.youtube.com/watch?v=abc", media_type="video/mp4"),
                    FilePart(data="gs://bucket/doc.pdf", media_type="application/pdf"),
                    FilePart(data=b"\xff\xd8", media_type="image/*"),
                ]
            )
        ]
    )
    assert converted.contents[0]["parts"] == [
        {"inlineData": {"mimeType": "image/png", "data": "iVBORw=="}},
        {"inlineData": {"mimeType": "application/pdf", "data": "aGVsbG8="}},
        {"inlineData": {"mimeType": "image/webp", "data": "UklGRg=="}},
        {"fileData": {"mimeType": "video/mp4", "fileUri": files_url}},
        {"fileData": {"mimeType": "video/mp4", "fileUri": "https://www.youtube.com/watch?v=abc"}},
        {"fileData": {"mimeType": "application/pdf", "fileUri": "gs://bucket/doc.pdf"}},
        {"inlineData": {"mimeType": "image/jpeg", "data": "/9g="}},
    ]


def test_assistant_parts_carry_their_thought_signatures_back() -> None:
    converted = convert_to_google_messages(
        [
            UserMessage([TextPart("Weather?")]),
            AssistantMessage(
                [
                    ReasoningPart("Think first.", provider_options=_signed("sig-thought")),
                    TextPart("", provider_options=_signed("sig-empty")),
                    TextPart("Checking.", provider_options=_signed("sig-text")),
                    ToolCallPart("call-1", "get_weather", {"city": "Paris"}, provider_options=_signed("sig-call")),
                    ToolCallPart("call-2", "get_weather", {"city": "Oslo"}),
                    FilePart(data="AAAA", media_type="image/png", provider_options={"google": {"thought": True}}),
                ]
            ),
        ]
    )
    assert converted.contents[1] == {
        "role": "model",
        "parts": [
            {"text": "Think first.", "thought": True, "thoughtSignature": "sig-thought"},
            {"text": "Checking.", "thoughtSignature": "sig-text"},
            {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "sig-call"},
            {"functionCall": {"name": "get_weather", "args": {"city": "Oslo"}}},
            {"inlineData": {"mimeType": "image/png", "data": "AAAA"}, "thought": True},
        ],
    }


def test_gemini_3_function_calls_without_signature_get_the_documented_placeholder() -> None:
    prompt: Prompt = [
        UserMessage([TextPart("Weather?")]),
        AssistantMessage([ToolCallPart("call-1", "get_weather", {"city": "Paris"})]),
        AssistantMessage(
            [
                ToolCallPart("call-2", "get_time", {}, provider_options=_signed("sig-2")),
                ToolCallPart("call-3", "get_weather", {"city": "Rome"}),  # parallel: only the first is signed
            ]
        ),
    ]
    converted = convert_to_google_messages(prompt, model_id="gemini-3-pro-preview")
    assert converted.contents[1]["parts"][0]["thoughtSignature"] == SKIP_THOUGHT_SIGNATURE_VALIDATOR
    assert converted.contents[2]["parts"][0]["thoughtSignature"] == "sig-2"
    assert "thoughtSignature" not in converted.contents[2]["parts"][1]
    [warning] = converted.warnings
    assert warning.type == "other"
    assert warning.message is not None and "`get_weather`" in warning.message
    # Older models accept unsigned calls: nothing is injected.
    assert "thoughtSignature" not in convert_to_google_messages(prompt).contents[1]["parts"][0]


def test_tool_results_become_function_responses_in_a_user_turn() -> None:
    converted = convert_to_google_messages(
        [
            ToolMessage(
                [
                    ToolResultPart("c1", "get_weather", ToolResultOutput("json", {"temperature": 21})),
                    ToolResultPart("c2", "lookup", ToolResultOutput("text", "found")),
                    ToolResultPart("c3", "lookup", ToolResultOutput("error-text", "timed out")),
                    ToolResultPart("c4", "delete", ToolResultOutput("execution-denied", reason="not allowed")),
                    ToolResultPart("c5", "delete", ToolResultOutput("execution-denied")),
                ]
            )
        ]
    )

    def response(name: str, content: object) -> dict[str, object]:
        return {"functionResponse": {"name": name, "response": {"name": name, "content": content}}}

    assert converted.contents == [
        {
            "role": "user",
            "parts": [
                response("get_weather", {"temperature": 21}),
                response("lookup", "found"),
                response("lookup", "timed out"),
                response("delete", "not allowed"),
                response("delete", "Tool call execution denied."),
            ],
        }
    ]


def test_content_tool_results_send_media_as_inline_parts() -> None:
    output = ToolResultOutput(
        "content",
        [
            ToolResultContentItem("text", text="Here is the chart."),
            ToolResultContentItem("media", data="iVBORw==", media_type="image/png"),
        ],
    )
    converted = convert_to_google_messages([ToolMessage([ToolResultPart("c1", "chart", output)])])
    assert converted.contents[0]["parts"] == [
        {"functionResponse": {"name": "chart", "response": {"name": "chart", "content": "Here is the chart."}}},
        {"inlineData": {"mimeType": "image/png", "data": "iVBORw=="}},
        {"text": "Tool executed successfully and returned this image as a response"},
    ]


def test_provider_executed_code_execution_goes_back_as_code_parts() -> None:
    converted = convert_to_google_messages(
        [
            AssistantMessage(
                [
                    ToolCallPart(
                        "id-1", "code_execution", '{"language":"PYTHON","code":"print(1)"}', provider_executed=True
                    ),
                    ToolResultPart("id-1", "code_execution", ToolResultOutput("json", {"outcome": "OUTCOME_OK"})),
                    ToolCallPart("id-2", "google_search", {"query": "x"}, provider_executed=True),
                ]
            )
        ]
    )
    assert converted.contents[0]["parts"] == [
        {"executableCode": {"language": "PYTHON", "code": "print(1)"}},
        {"codeExecutionResult": {"outcome": "OUTCOME_OK"}},
    ]


def test_file_urls_in_assistant_messages_are_refused() -> None:
    with pytest.raises(UnsupportedFunctionalityError):
        convert_to_google_messages([AssistantMessage([FilePart(data="https://x.test/a.png", media_type="image/png")])])
