"""The stream decoder's state machine, fed events directly."""

from __future__ import annotations

import itertools
from types import MappingProxyType
from typing import Any

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.providers.google import GoogleStreamDecoder
from ai_sdk_core.providers.google.response import extract_sources, first_candidate, parse_google_response
from ai_sdk_core.spec import (
    Finish,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    SourceContent,
    StreamError,
    StreamPart,
    TextContent,
    TextDelta,
    TextEnd,
    TextStart,
    ToolCallContent,
    ToolInputEnd,
)


def _decode(*chunks: Any) -> list[StreamPart]:
    counter = itertools.count(1)
    decoder = GoogleStreamDecoder(new_id=lambda: f"id-{next(counter)}")
    parts: list[StreamPart] = []
    for chunk in chunks:
        parts.extend(decoder.feed(ServerSentEvent(data=chunk if isinstance(chunk, str) else to_json_str(chunk))))
    parts.extend(decoder.finish())
    return parts


def _parts(*parts: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    candidate: dict[str, Any] = {"content": {"role": "model", "parts": list(parts)}}
    if finish is not None:
        candidate["finishReason"] = finish
    return {"candidates": [candidate]}


def test_alternating_thoughts_and_text_open_a_new_block_each_time() -> None:
    parts = _decode(
        _parts({"text": "a", "thought": True}),
        _parts({"text": "b"}),
        _parts({"text": "c", "thought": True}),
        _parts({"functionCall": {"name": "f", "args": {}}}),
        _parts({"text": "d"}, finish="STOP"),
    )
    assert parts[:7] == [
        ReasoningStart(id="0"),
        ReasoningDelta(id="0", delta="a"),
        ReasoningEnd(id="0"),
        TextStart(id="1"),
        TextDelta(id="1", delta="b"),
        TextEnd(id="1"),
        ReasoningStart(id="2"),
    ]
    # A function call closes the open block first, so blocks never interleave with tool input.
    assert parts[8] == ReasoningEnd(id="2")
    assert isinstance(parts[11], ToolInputEnd) and parts[12] == ToolCallContent("id-1", "f", "{}")
    assert parts[13:16] == [TextStart(id="3"), TextDelta(id="3", delta="d"), TextEnd(id="3")]
    finish = parts[-1]
    assert isinstance(finish, Finish) and finish.finish_reason.unified == "tool-calls"


def test_a_signature_on_an_empty_part_of_another_kind_is_not_misattributed() -> None:
    parts = _decode(_parts({"text": "x"}), _parts({"text": "", "thought": True, "thoughtSignature": "s"}))
    assert TextEnd(id="0") in parts


def test_error_chunks_empty_candidates_and_blank_events() -> None:
    error = {"error": {"code": 503, "message": "The model is overloaded.", "status": "UNAVAILABLE"}}
    parts = _decode({"candidates": []}, "", error, _parts({"text": "late"}, finish="MAX_TOKENS"))
    assert parts[0] == StreamError(error=error["error"])
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert (finish.finish_reason.unified, finish.finish_reason.raw) == ("length", "MAX_TOKENS")


def test_a_prompt_blocked_in_a_stream_finishes_as_content_filter() -> None:
    parts = _decode({"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"}, "usageMetadata": {"promptTokenCount": 3}})
    [finish] = parts
    assert isinstance(finish, Finish)
    assert (finish.finish_reason.unified, finish.finish_reason.raw) == ("content-filter", "PROHIBITED_CONTENT")
    assert finish.usage.input_tokens.total == 3
    assert finish.provider_metadata is not None
    assert finish.provider_metadata["google"]["promptFeedback"] == {"blockReason": "PROHIBITED_CONTENT"}


def test_a_stream_without_finish_reason_reports_other() -> None:
    [*_, finish] = _decode(_parts({"text": "cut short"}))
    assert isinstance(finish, Finish)
    assert (finish.finish_reason.unified, finish.finish_reason.raw, finish.provider_metadata) == ("other", None, None)


def test_a_second_signature_closes_the_text_block_so_no_signature_is_lost() -> None:
    def signed(signature: str) -> dict[str, Any]:
        return {"google": {"thoughtSignature": signature}}

    parts = _decode(
        _parts({"text": "Hello "}),
        _parts({"text": "there", "thoughtSignature": "first"}),
        _parts({"text": " again", "thoughtSignature": "second"}, finish="STOP"),
    )
    assert parts[:7] == [
        TextStart(id="0"),
        TextDelta(id="0", delta="Hello "),
        TextDelta(id="0", delta="there", provider_metadata=signed("first")),
        TextEnd(id="0", provider_metadata=signed("first")),
        TextStart(id="1", provider_metadata=signed("second")),
        TextDelta(id="1", delta=" again", provider_metadata=signed("second")),
        TextEnd(id="1", provider_metadata=signed("second")),
    ]


def test_whitespace_events_null_grounding_and_empty_signatures_add_nothing() -> None:
    # The per-chunk fast paths (blank data, no grounding, unsigned parts) must agree with the general ones.
    parts = _decode(
        " \r\n\t",
        _parts({"text": "a", "thoughtSignature": ""}),
        {"candidates": [{"content": {"parts": [{"text": "b"}]}, "groundingMetadata": None}]},
        {"candidates": [{"content": {"parts": [{"text": "c"}]}, "groundingMetadata": {"groundingChunks": []}}]},
    )
    assert parts[:5] == [
        TextStart(id="0"),
        TextDelta(id="0", delta="a"),
        TextDelta(id="0", delta="b"),
        TextDelta(id="0", delta="c"),
        TextEnd(id="0"),
    ]


def test_grounding_sources_in_a_stream_are_reported_once_per_url() -> None:
    grounding = {"groundingChunks": [{"web": {"uri": "https://example.com/a", "title": "A"}}]}
    candidate = {"content": {"parts": [{"text": "x"}]}, "groundingMetadata": grounding}
    parts = _decode({"candidates": [candidate]}, {"candidates": [candidate]})
    sources = [part for part in parts if isinstance(part, SourceContent)]
    assert [(source.url, source.title) for source in sources] == [("https://example.com/a", "A")]


def test_the_shared_helpers_still_accept_any_mapping() -> None:
    # The stream only sees dicts; the helpers also serve callers with other mappings.
    candidate = MappingProxyType({"content": {"parts": [{"text": "hi"}]}})
    assert first_candidate({"candidates": [candidate]}) is candidate
    assert first_candidate({"candidates": ["not an object"]}) is None
    grounding = MappingProxyType({"groundingChunks": [MappingProxyType({"web": {"uri": "https://example.com/b"}})]})
    [source] = extract_sources(grounding, lambda: "s1")
    assert (source.id, source.url) == ("s1", "https://example.com/b")
    parsed = parse_google_response(MappingProxyType({"candidates": [candidate]}))
    assert parsed.content == [TextContent(text="hi")]
