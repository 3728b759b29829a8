"""The Chat Completions stream decoder on its own: events in, parts out, no HTTP."""

from __future__ import annotations

from typing import Any

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.providers.openai_compatible.chat_stream import ChatStreamDecoder
from ai_sdk_core.spec import (
    Finish,
    FinishReason,
    InvalidResponseDataError,
    Raw,
    ResponseMetadata,
    SourceContent,
    StreamError,
    StreamPart,
    TextDelta,
    ToolCallContent,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
)


def decode(*chunks: Any, include_raw_chunks: bool = False) -> list[StreamPart]:
    decoder = ChatStreamDecoder(provider_options_name="acme", include_raw_chunks=include_raw_chunks)
    parts: list[StreamPart] = []
    for chunk in chunks:
        parts.extend(decoder.feed(ServerSentEvent(data=chunk if isinstance(chunk, str) else to_json_str(chunk))))
    parts.extend(decoder.finish())
    return parts


def delta(value: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
    return {"choices": [{"index": 0, "delta": value, "finish_reason": finish_reason}]}


def test_tool_call_whose_name_arrives_late_is_buffered() -> None:
    parts = decode(
        delta({"tool_calls": [{"index": 0, "id": "call_1", "function": {"arguments": '{"q":'}}]}),
        delta({"tool_calls": [{"index": 0, "function": {"name": "search", "arguments": ' "cats"'}}]}),
        delta({"tool_calls": [{"index": 0, "function": {"arguments": "}"}}]}, finish_reason="tool_calls"),
        "[DONE]",
    )
    assert parts[:-1] == [
        ToolInputStart(id="call_1", tool_name="search"),
        ToolInputDelta(id="call_1", delta='{"q": "cats"'),
        ToolInputDelta(id="call_1", delta="}"),
        ToolInputEnd(id="call_1"),
        ToolCallContent(tool_call_id="call_1", tool_name="search", input='{"q": "cats"}'),
    ]


def test_tool_calls_without_index_are_matched_by_id_and_finished_at_the_end() -> None:
    # Gemini's compatibility layer sends no index; a non-object input can only be completed by the end.
    parts = decode(
        delta({"tool_calls": [{"id": "a", "function": {"name": "echo", "arguments": '"x'}}]}),
        delta({"tool_calls": [{"id": "b", "function": {"name": "now", "arguments": ""}}]}),
        delta({"tool_calls": [{"id": "a", "function": {"arguments": 'y"'}}]}, finish_reason="tool_calls"),
    )
    assert [part for part in parts if isinstance(part, ToolCallContent)] == [
        ToolCallContent(tool_call_id="a", tool_name="echo", input='"xy"'),
        ToolCallContent(tool_call_id="b", tool_name="now", input="{}"),  # empty arguments mean "no input"
    ]


def test_tool_call_without_id_gets_one_and_unnamed_calls_are_errors() -> None:
    parts = decode(
        delta({"tool_calls": [{"index": 0, "function": {"name": "now", "arguments": "{}"}}]}),
        delta({"tool_calls": [{"index": 1, "function": {"arguments": "{}"}}]}, finish_reason="tool_calls"),
    )
    call = next(part for part in parts if isinstance(part, ToolCallContent))
    assert call.tool_call_id.startswith("call-") and call.input == "{}"
    errors = [part for part in parts if isinstance(part, StreamError)]
    assert len(errors) == 1 and isinstance(errors[0].error, InvalidResponseDataError)


def test_metadata_waits_for_a_chunk_that_has_it_and_nothing_follows_done() -> None:
    parts = decode(
        {"choices": [], "prompt_filter_results": [{"prompt_index": 0}]},
        {"id": "c9", "model": "m", "created": 0, **delta({"content": "Hi"})},
        delta({}, finish_reason="length"),
        "[DONE]",
        delta({"content": "after the end"}),
    )
    assert parts[0] == ResponseMetadata(id="c9", timestamp=parts[0].timestamp, model_id="m")  # type: ignore[union-attr]
    assert [part.delta for part in parts if isinstance(part, TextDelta)] == ["Hi"]
    finish = parts[-1]
    assert isinstance(finish, Finish) and finish.finish_reason == FinishReason(unified="length", raw="length")


def test_malformed_chunk_is_an_error_part_and_raw_keeps_the_text() -> None:
    parts = decode("{not json", delta({}, finish_reason="stop"), include_raw_chunks=True)
    assert parts[0] == Raw(raw_value="{not json")
    assert isinstance(parts[1], StreamError) and isinstance(parts[1].error, InvalidResponseDataError)
    # The later finish chunk still says why the model stopped.
    assert parts[-1].finish_reason == FinishReason(unified="stop", raw="stop")  # type: ignore[union-attr]


def test_url_citations_become_sources() -> None:
    annotation = {"type": "url_citation", "url_citation": {"url": "https://example.com", "title": "Example"}}
    parts = decode(delta({"content": "See", "annotations": [annotation]}, finish_reason="stop"))
    sources = [part for part in parts if isinstance(part, SourceContent)]
    assert [(source.url, source.title, source.source_type) for source in sources] == [
        ("https://example.com", "Example", "url")
    ]


def test_finish_without_usage_is_all_unknown() -> None:
    finish = decode(delta({"content": "x"}, finish_reason="stop"))[-1]
    assert isinstance(finish, Finish)
    assert finish.usage.input_tokens.total is None and finish.usage.raw is None
    assert finish.provider_metadata == {"acme": {}}
