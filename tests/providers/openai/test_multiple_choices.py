"""A request with ``n > 1`` gets several choices: only choice 0 is reported, streamed or not."""

from __future__ import annotations

from typing import Any

from ai_sdk_core.provider_utils.event_stream import ServerSentEvent
from ai_sdk_core.provider_utils.json import to_json_str
from ai_sdk_core.providers.openai.chat.metadata import OpenAIChatMetadataExtractor
from ai_sdk_core.providers.openai_compatible.chat_response import parse_chat_response
from ai_sdk_core.providers.openai_compatible.chat_stream import ChatStreamDecoder
from ai_sdk_core.providers.openai_compatible.usage import convert_openai_compatible_usage
from ai_sdk_core.spec import Finish, StreamPart, TextContent, TextDelta, ToolCallContent, ToolInputStart


def chunk(index: int | None, delta: dict[str, Any], finish_reason: str | None = None, **extra: Any) -> dict[str, Any]:
    choice: dict[str, Any] = {"delta": delta, "finish_reason": finish_reason, **extra}
    if index is not None:
        choice["index"] = index
    return {"id": "chatcmpl-1", "choices": [choice]}


def decode(*chunks: dict[str, Any], decoder: ChatStreamDecoder | None = None) -> list[StreamPart]:
    decoder = decoder or ChatStreamDecoder(provider_options_name="acme")
    parts: list[StreamPart] = []
    for value in chunks:
        parts.extend(decoder.feed(ServerSentEvent(data=to_json_str(value))))
    parts.extend(decoder.feed(ServerSentEvent(data="[DONE]")))
    parts.extend(decoder.finish())
    return parts


def test_stream_text_comes_from_choice_0_only() -> None:
    parts = decode(
        chunk(0, {"role": "assistant", "content": "Hel"}),
        chunk(1, {"role": "assistant", "content": "Bon"}),
        chunk(1, {"content": "jour"}, finish_reason="length"),
        chunk(0, {"content": "lo"}),
        chunk(0, {}, finish_reason="stop"),
    )
    assert "".join(part.delta for part in parts if isinstance(part, TextDelta)) == "Hello"
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.finish_reason.unified == "stop"


def test_stream_tool_calls_of_other_choices_do_not_collide_with_choice_0() -> None:
    def call(index: int, call_id: str, name: str, arguments: str) -> dict[str, Any]:
        tool_call = {"index": 0, "id": call_id, "function": {"name": name, "arguments": arguments}}
        return chunk(index, {"tool_calls": [tool_call]})

    parts = decode(
        call(0, "call_a", "search", '{"q":'),
        call(1, "call_b", "weather", '{"city": "Oslo"}'),
        chunk(0, {"tool_calls": [{"index": 0, "function": {"arguments": ' "cats"}'}}]}, finish_reason="tool_calls"),
    )
    assert [part for part in parts if isinstance(part, ToolInputStart)] == [
        ToolInputStart(id="call_a", tool_name="search")
    ]
    assert [part for part in parts if isinstance(part, ToolCallContent)] == [
        ToolCallContent(tool_call_id="call_a", tool_name="search", input='{"q": "cats"}')
    ]


def test_a_stream_whose_choices_carry_no_index_is_choice_0() -> None:
    parts = decode(chunk(None, {"content": "Hi"}, finish_reason="stop"))
    assert [part.delta for part in parts if isinstance(part, TextDelta)] == ["Hi"]


def test_stream_logprobs_and_refusal_metadata_come_from_choice_0_only() -> None:
    def logprobs(token: str) -> dict[str, Any]:
        return {"content": [{"token": token, "logprob": -0.1, "top_logprobs": []}]}

    decoder = ChatStreamDecoder(
        provider_options_name="openai",
        metadata_extractor=OpenAIChatMetadataExtractor().create_stream_extractor(),
    )
    parts = decode(
        chunk(0, {"content": "A"}, logprobs=logprobs("A")),
        chunk(1, {"refusal": "No."}, logprobs=logprobs("B")),
        chunk(0, {}, finish_reason="stop"),
        decoder=decoder,
    )
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.provider_metadata is not None
    metadata = finish.provider_metadata["openai"]
    assert [token["token"] for token in metadata["logprobs"]] == ["A"]
    assert "refusal" not in metadata


def test_a_whole_response_reports_choice_0_whatever_the_order() -> None:
    body = {
        "id": "chatcmpl-1",
        "choices": [
            {"index": 1, "message": {"role": "assistant", "content": "Second"}, "finish_reason": "length"},
            {"index": 0, "message": {"role": "assistant", "content": "First"}, "finish_reason": "stop"},
        ],
    }
    parsed = parse_chat_response(
        body,
        provider_options_name="openai",
        convert_usage=convert_openai_compatible_usage,
        metadata_extractor=OpenAIChatMetadataExtractor(),
    )
    assert parsed.content == [TextContent(text="First")]
    assert parsed.finish_reason.unified == "stop"
