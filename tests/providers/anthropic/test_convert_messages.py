"""The prompt conversion: system blocks, merged turns, files, tool results, thinking round trip, cache control."""

from __future__ import annotations

import pytest

from ai_sdk_core.providers.anthropic.convert_messages import convert_to_anthropic_messages, tool_output_content
from ai_sdk_core.spec import (
    AssistantMessage,
    FilePart,
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

CACHE = {"anthropic": {"cache_control": {"type": "ephemeral"}}}


def test_system_messages_become_blocks_and_user_turns_merge() -> None:
    converted = convert_to_anthropic_messages(
        [
            SystemMessage("You are terse."),
            SystemMessage("Answer in French."),
            UserMessage([TextPart("Hello")]),
            UserMessage([TextPart("Are you there?")]),
        ]
    )
    assert converted.system == [
        {"type": "text", "text": "You are terse."},
        {"type": "text", "text": "Answer in French."},
    ]
    assert converted.messages == [
        {"role": "user", "content": [{"type": "text", "text": "Hello"}, {"type": "text", "text": "Are you there?"}]}
    ]


def test_system_message_after_the_conversation_is_refused() -> None:
    with pytest.raises(UnsupportedFunctionalityError, match="system messages"):
        convert_to_anthropic_messages([UserMessage([TextPart("Hi")]), SystemMessage("Late.")])


def test_tool_results_join_the_next_user_turn() -> None:
    converted = convert_to_anthropic_messages(
        [
            UserMessage([TextPart("Weather?")]),
            AssistantMessage([ToolCallPart("toolu_1", "get_weather", {"city": "Paris"})]),
            ToolMessage([ToolResultPart("toolu_1", "get_weather", ToolResultOutput("json", {"celsius": 21}))]),
            UserMessage([TextPart("And tomorrow?")]),
        ]
    )
    assert converted.messages[1:] == [
        {
            "role": "assistant",
            "content": [{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}],
        },
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "toolu_1", "content": '{"celsius":21}'},
                {"type": "text", "text": "And tomorrow?"},
            ],
        },
    ]


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (ToolResultOutput("text", "sunny"), ("sunny", False)),
        (ToolResultOutput("error-text", "no network"), ("no network", True)),
        (ToolResultOutput("error-json", {"code": 7}), ('{"code":7}', True)),
        (ToolResultOutput("execution-denied", reason="not allowed"), ("not allowed", False)),
        (ToolResultOutput("execution-denied"), ("Tool execution denied.", False)),
        (
            ToolResultOutput(
                "content",
                [
                    ToolResultContentItem("text", text="chart:"),
                    ToolResultContentItem("media", data="iVBORw0KGgo=", media_type="image/png"),
                ],
            ),
            (
                [
                    {"type": "text", "text": "chart:"},
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                ],
                False,
            ),
        ),
    ],
)
def test_tool_output_content(output: ToolResultOutput, expected: object) -> None:
    assert tool_output_content(output) == expected


def test_error_tool_result_sets_is_error() -> None:
    converted = convert_to_anthropic_messages(
        [ToolMessage([ToolResultPart("toolu_9", "lookup", ToolResultOutput("error-text", "boom"))])]
    )
    assert converted.messages[0]["content"] == [
        {"type": "tool_result", "tool_use_id": "toolu_9", "content": "boom", "is_error": True}
    ]


def test_images_and_pdfs_as_base64_and_url_sources() -> None:
    converted = convert_to_anthropic_messages(
        [
            UserMessage(
                [
                    FilePart(b"\x89PNG", "image/png"),
                    FilePart("https://example.com/cat.jpg", "image/jpeg"),
                    FilePart("data:application/pdf;base64,JVBERi0=", "application/pdf", filename="report.pdf"),
                    FilePart("https://example.com/paper.pdf", "application/pdf"),
                    FilePart(b"plain notes", "text/plain", filename="notes.txt"),
                ]
            )
        ]
    )
    assert converted.messages[0]["content"] == [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw=="}},
        {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}},
        {
            "type": "document",
            "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0="},
            "title": "report.pdf",
        },
        {"type": "document", "source": {"type": "url", "url": "https://example.com/paper.pdf"}},
        {
            "type": "document",
            "source": {"type": "text", "media_type": "text/plain", "data": "plain notes"},
            "title": "notes.txt",
        },
    ]
    assert converted.betas == {"pdfs-2024-09-25"}
    assert [document.media_type for document in converted.documents] == [
        "application/pdf",
        "application/pdf",
        "text/plain",
    ]


def test_document_citations_title_and_context_options() -> None:
    options = {"anthropic": {"citations": {"enabled": True}, "title": "Annual report", "context": "Internal"}}
    converted = convert_to_anthropic_messages([UserMessage([FilePart("JVBERi0=", "application/pdf", None, options)])])
    block = converted.messages[0]["content"][0]
    assert block["citations"] == {"enabled": True}
    assert block["title"] == "Annual report"
    assert block["context"] == "Internal"
    assert converted.documents[0].title == "Annual report"


def test_unsupported_file_type_is_refused() -> None:
    with pytest.raises(UnsupportedFunctionalityError, match="audio/wav"):
        convert_to_anthropic_messages([UserMessage([FilePart(b"RIFF", "audio/wav")])])


def test_thinking_and_redacted_thinking_go_back_from_provider_options() -> None:
    converted = convert_to_anthropic_messages(
        [
            UserMessage([TextPart("Think.")]),
            AssistantMessage(
                [
                    ReasoningPart("Step one.", {"anthropic": {"signature": "sig-1"}}),
                    ReasoningPart("", {"anthropic": {"redacted_data": "opaque"}}),
                    ReasoningPart("From elsewhere."),
                    TextPart("Done."),
                ]
            ),
            UserMessage([TextPart("Thanks")]),
        ]
    )
    assert converted.messages[1]["content"] == [
        {"type": "thinking", "thinking": "Step one.", "signature": "sig-1"},
        {"type": "redacted_thinking", "data": "opaque"},
        {"type": "text", "text": "Done."},
    ]
    assert [warning.message for warning in converted.warnings] == [
        "reasoning without an Anthropic signature was not sent"
    ]


def test_reasoning_is_dropped_when_send_reasoning_is_off() -> None:
    converted = convert_to_anthropic_messages(
        [AssistantMessage([ReasoningPart("x", {"anthropic": {"signature": "s"}}), TextPart("y")])],
        send_reasoning=False,
    )
    assert converted.messages[0]["content"] == [{"type": "text", "text": "y"}]
    assert converted.warnings[0].message == "sending reasoning content is disabled"


def test_final_assistant_prefill_loses_trailing_whitespace_only_at_the_end() -> None:
    converted = convert_to_anthropic_messages(
        [
            UserMessage([TextPart("Count")]),
            AssistantMessage([TextPart("one \n")]),
            UserMessage([TextPart("more")]),
            AssistantMessage([TextPart("two \n")]),
        ]
    )
    assert converted.messages[1]["content"][0]["text"] == "one \n"
    assert converted.messages[3]["content"][0]["text"] == "two"


def test_server_tool_call_and_result_round_trip_as_their_blocks() -> None:
    results = [{"type": "web_search_result", "url": "https://example.com", "title": "Ex", "encrypted_content": "e"}]
    converted = convert_to_anthropic_messages(
        [
            AssistantMessage(
                [
                    ToolCallPart("srvtoolu_1", "web_search", {"query": "news"}, provider_executed=True),
                    ToolResultPart("srvtoolu_1", "web_search", ToolResultOutput("json", results)),
                    TextPart("Here is the news."),
                ]
            )
        ]
    )
    assert converted.messages[0]["content"][:2] == [
        {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "news"}},
        {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_1", "content": results},
    ]


def test_cache_control_on_system_parts_and_last_block_of_a_message() -> None:
    converted = convert_to_anthropic_messages(
        [
            SystemMessage("Long instructions", provider_options=CACHE),
            UserMessage([TextPart("a"), TextPart("b")], provider_options=CACHE),
            AssistantMessage([TextPart("c", provider_options=CACHE), TextPart("d")]),
            ToolMessage([ToolResultPart("t", "f", ToolResultOutput("text", "r"), provider_options=CACHE)]),
        ]
    )
    ephemeral = {"type": "ephemeral"}
    assert converted.system == [{"type": "text", "text": "Long instructions", "cache_control": ephemeral}]
    assert converted.messages[0]["content"] == [
        {"type": "text", "text": "a"},
        {"type": "text", "text": "b", "cache_control": ephemeral},
    ]
    assert converted.messages[1]["content"][0] == {"type": "text", "text": "c", "cache_control": ephemeral}
    assert converted.messages[2]["content"][0]["cache_control"] == ephemeral


def test_camel_case_cache_control_and_the_breakpoint_limit() -> None:
    camel = {"anthropic": {"cacheControl": {"type": "ephemeral", "ttl": "1h"}}}
    converted = convert_to_anthropic_messages([UserMessage([TextPart(str(index), camel) for index in range(5)])])
    marked = [block for block in converted.messages[0]["content"] if "cache_control" in block]
    assert len(marked) == 4
    assert marked[0]["cache_control"] == {"type": "ephemeral", "ttl": "1h"}
    assert converted.warnings[0].feature == "cache_control breakpoint limit"
