"""The stream state machine fed events directly: edge cases no whole fixture needs."""

from __future__ import annotations

from typing import Any

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.providers.anthropic.convert_messages import CitationDocument
from ai_sdk_core.providers.anthropic.response import DecodeContext, decode_content_blocks
from ai_sdk_core.providers.anthropic.stream import AnthropicStreamDecoder
from ai_sdk_core.spec import (
    Finish,
    Raw,
    SourceContent,
    StreamError,
    StreamPart,
    TextEnd,
    ToolCallContent,
    ToolInputEnd,
    ToolInputStart,
    ToolResultContent,
)


def feed_all(decoder: AnthropicStreamDecoder, *events: dict[str, Any]) -> list[StreamPart]:
    parts: list[StreamPart] = []
    for event in events:
        parts.extend(decoder.feed(ServerSentEvent(data=to_json_str(event), event=str(event["type"]))))
    return parts + list(decoder.finish())


def test_tool_call_without_input_deltas_has_an_empty_object_input() -> None:
    parts = feed_all(
        AnthropicStreamDecoder(),
        {"type": "content_block_start", "index": 0, "content_block": {"type": "tool_use", "id": "t1", "name": "now"}},
        {"type": "content_block_stop", "index": 0},
        {"type": "message_delta", "delta": {"stop_reason": "tool_use"}, "usage": {"output_tokens": 5}},
    )
    assert parts[:3] == [ToolInputStart("t1", "now"), ToolInputEnd("t1"), ToolCallContent("t1", "now", "{}")]
    finish = parts[-1]
    assert isinstance(finish, Finish) and finish.finish_reason.unified == "tool-calls"


def test_blocks_left_open_are_closed_at_the_end() -> None:
    parts = feed_all(
        AnthropicStreamDecoder(),
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "cut"}},
    )
    assert parts[-2:] == [TextEnd("0"), parts[-1]]
    finish = parts[-1]
    assert isinstance(finish, Finish) and finish.finish_reason.unified == "other"


def test_unknown_events_and_pings_yield_nothing_and_bad_json_is_an_error() -> None:
    decoder = AnthropicStreamDecoder(include_raw_chunks=True)
    assert decoder.feed(ServerSentEvent(data='{"type":"ping"}', event="ping")) == [Raw({"type": "ping"})]
    assert decoder.feed(ServerSentEvent(data='{"type":"future_event","x":1}')) == [
        Raw({"type": "future_event", "x": 1})
    ]
    parts = decoder.feed(ServerSentEvent(data="{not json"))
    assert isinstance(parts[1], StreamError)
    finish = list(decoder.finish())[-1]
    assert isinstance(finish, Finish) and finish.finish_reason.unified == "error"


def test_document_citation_delta_becomes_a_document_source() -> None:
    documents = (CitationDocument(title="notes.txt", media_type="text/plain", filename="notes.txt"),)
    citation = {
        "type": "char_location",
        "cited_text": "grass is green",
        "document_index": 0,
        "document_title": None,
        "start_char_index": 0,
        "end_char_index": 14,
    }
    parts = feed_all(
        AnthropicStreamDecoder(context=DecodeContext(documents=documents)),
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "citations_delta", "citation": citation}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "citations_delta", "citation": {"x": 1}}},
    )
    sources = [part for part in parts if isinstance(part, SourceContent)]
    assert len(sources) == 1
    assert (sources[0].source_type, sources[0].title, sources[0].media_type) == ("document", "notes.txt", "text/plain")
    assert sources[0].provider_metadata == {
        "anthropic": {"cited_text": "grass is green", "start_char_index": 0, "end_char_index": 14}
    }


def test_web_search_error_result_is_an_error_tool_result_without_sources() -> None:
    block = {
        "type": "web_search_tool_result",
        "tool_use_id": "srvtoolu_9",
        "content": {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"},
    }
    content = decode_content_blocks([block], DecodeContext())
    assert content == [
        ToolResultContent(
            "srvtoolu_9",
            "web_search",
            {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"},
            is_error=True,
            provider_metadata={"anthropic": {"block_type": "web_search_tool_result"}},
        )
    ]


def test_code_execution_result_keeps_its_block_type() -> None:
    block = {
        "type": "code_execution_tool_result",
        "tool_use_id": "srvtoolu_7",
        "content": {"type": "code_execution_result", "stdout": "4\n", "stderr": "", "return_code": 0},
    }
    (result,) = decode_content_blocks([block], DecodeContext())
    assert isinstance(result, ToolResultContent)
    assert (result.tool_name, result.is_error, result.result["stdout"]) == ("code_execution", None, "4\n")
