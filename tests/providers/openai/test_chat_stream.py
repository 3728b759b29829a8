"""OpenAI Chat Completions, streaming: the request sent and every part decoded (sync and async)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ai_sdk_core.spec import (
    CallOptions,
    Finish,
    FinishReason,
    FunctionTool,
    InputTokens,
    InvalidResponseDataError,
    OutputTokens,
    Prompt,
    Raw,
    ResponseMetadata,
    StreamError,
    StreamInterruptedError,
    StreamStart,
    TextDelta,
    TextEnd,
    TextPart,
    TextStart,
    ToolCallContent,
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    Usage,
    UserMessage,
)
from ai_sdk_core.testing.replay import ReplayResponse

from .conftest import FIXTURES, Driver, ReplayFactory

pytestmark = pytest.mark.anyio

HELLO: Prompt = [UserMessage([TextPart("Hello")])]
STREAM_BODY = {
    "model": "gpt-4o-mini",
    "messages": [{"role": "user", "content": "Hello"}],
    "stream": True,
    "stream_options": {"include_usage": True},
}
NO_PREDICTION = {"accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}


def _usage(prompt: int, completion: int) -> Usage:
    return Usage(
        input_tokens=InputTokens(total=prompt, no_cache=prompt, cache_read=0),
        output_tokens=OutputTokens(total=completion, text=completion, reasoning=0),
        raw={
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0,
            },
        },
    )


@pytest.mark.parametrize("fragment_size", [None, 7])
async def test_streamed_text_with_the_usage_chunk(io: Driver, replay: ReplayFactory, fragment_size: int | None) -> None:
    # fragment_size=7 cuts the bytes mid-line and mid-UTF-8 character: decoding must not depend on framing.
    provider, transport = replay("chat-stream-text", fragment_size=fragment_size)
    parts = await io.stream(provider.chat("gpt-4o-mini"), CallOptions(prompt=HELLO))
    assert transport.last_request.json == STREAM_BODY
    assert transport.last_request.headers["accept"] == "application/json"
    assert parts == [
        StreamStart(warnings=()),
        ResponseMetadata(
            id="chatcmpl-stream01",
            timestamp=datetime.fromtimestamp(1764100100, tz=UTC),
            model_id="gpt-4o-mini-2024-07-18",
        ),
        TextStart(id="txt-0"),
        TextDelta(id="txt-0", delta="Hello"),
        TextDelta(id="txt-0", delta=", wörld"),
        TextDelta(id="txt-0", delta="!"),
        TextEnd(id="txt-0"),
        Finish(
            usage=_usage(12, 4),
            finish_reason=FinishReason(unified="stop", raw="stop"),
            provider_metadata={"openai": NO_PREDICTION},
        ),
    ]


async def test_streamed_parallel_tool_calls_interleaved_by_index(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-stream-tool-calls")
    tool = FunctionTool(name="get_weather", input_schema={"type": "object"})
    parts = await io.stream(provider.chat("gpt-4o"), CallOptions(prompt=HELLO, tools=[tool]))
    assert transport.last_request.json == {
        **STREAM_BODY,
        "model": "gpt-4o",
        "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}],
    }
    assert parts[2:] == [
        ToolInputStart(id="call_paris", tool_name="get_weather"),
        ToolInputDelta(id="call_paris", delta='{"ci'),
        ToolInputStart(id="call_tokyo", tool_name="get_weather"),
        ToolInputDelta(id="call_tokyo", delta='{"city": '),
        ToolInputDelta(id="call_paris", delta='ty": "Paris"'),
        ToolInputDelta(id="call_tokyo", delta='"Tokyo"}'),
        # Tokyo's input is a complete object first, so its call is handed on before Paris's.
        ToolInputEnd(id="call_tokyo"),
        ToolCallContent(tool_call_id="call_tokyo", tool_name="get_weather", input='{"city": "Tokyo"}'),
        ToolInputDelta(id="call_paris", delta="}"),
        ToolInputEnd(id="call_paris"),
        ToolCallContent(tool_call_id="call_paris", tool_name="get_weather", input='{"city": "Paris"}'),
        Finish(
            usage=_usage(84, 46),
            finish_reason=FinishReason(unified="tool-calls", raw="tool_calls"),
            provider_metadata={"openai": NO_PREDICTION},
        ),
    ]


async def test_error_object_inside_the_stream(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-stream-error")
    parts = await io.stream(provider.chat("gpt-4o-mini"), CallOptions(prompt=HELLO))
    assert transport.last_request.json == STREAM_BODY
    assert parts[2:] == [
        TextStart(id="txt-0"),
        TextDelta(id="txt-0", delta="Partial"),
        StreamError(
            error={
                "message": "The server had an error while processing your request.",
                "type": "server_error",
                "param": None,
                "code": None,
            }
        ),
        TextEnd(id="txt-0"),
        Finish(usage=Usage(), finish_reason=FinishReason(unified="error"), provider_metadata={"openai": {}}),
    ]


async def test_raw_chunks_when_asked(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-stream-text")
    parts = await io.stream(provider.chat("gpt-4o-mini"), CallOptions(prompt=HELLO, include_raw_chunks=True))
    assert transport.last_request.json == STREAM_BODY  # raw chunks are ours to keep: nothing is asked of the API
    raw = [part.raw_value for part in parts if isinstance(part, Raw)]
    assert len(raw) == 6  # every chunk, [DONE] excepted
    assert raw[1]["choices"][0]["delta"] == {"content": "Hello"}
    assert raw[-1]["choices"] == []
    # Each raw chunk comes before the parts decoded from it.
    assert isinstance(parts[1], Raw) and isinstance(parts[2], ResponseMetadata)


async def test_streamed_refusal_and_logprobs_end_in_finish_metadata(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-stream-refusal", "chat-stream-logprobs")
    model = provider.chat("gpt-4o")
    refusal_parts = await io.stream(model, CallOptions(prompt=HELLO))
    finish = refusal_parts[-1]
    assert isinstance(finish, Finish)
    assert finish.provider_metadata == {"openai": {**NO_PREDICTION, "refusal": "I'm sorry, I can't help with that."}}
    assert not any(isinstance(part, TextDelta) for part in refusal_parts)

    logprob_parts = await io.stream(model, CallOptions(prompt=HELLO, provider_options={"openai": {"logprobs": True}}))
    assert transport.last_request.json == {**STREAM_BODY, "model": "gpt-4o", "logprobs": True, "top_logprobs": 0}
    finish = logprob_parts[-1]
    assert isinstance(finish, Finish) and finish.provider_metadata is not None
    # Each chunk carries its own tokens' log probabilities; the finish part has them all.
    assert [entry["token"] for entry in finish.provider_metadata["openai"]["logprobs"]] == ["Hi", "!"]


async def test_stream_warnings_arrive_in_stream_start(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-stream-text")
    parts = await io.stream(provider.chat("o4-mini"), CallOptions(prompt=HELLO, temperature=1.0))
    assert transport.last_request.json == {**STREAM_BODY, "model": "o4-mini"}
    assert isinstance(parts[0], StreamStart)
    assert [warning.feature for warning in parts[0].warnings] == ["temperature"]


async def test_stream_without_a_finish_reason_reports_an_error(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay()
    # A stream that ends cleanly but never said why it stopped (served from memory, not a fixture file).
    transport.add(ReplayResponse.sse([{"id": "c1", "choices": [{"index": 0, "delta": {"content": "Hi"}}]}]))
    parts = await io.stream(provider.chat("gpt-4o-mini"), CallOptions(prompt=HELLO))
    errors = [part for part in parts if isinstance(part, StreamError)]
    assert len(errors) == 1 and isinstance(errors[0].error, InvalidResponseDataError)
    assert parts[-1] == Finish(
        usage=Usage(), finish_reason=FinishReason(unified="error"), provider_metadata={"openai": {}}
    )


async def test_a_connection_cut_mid_stream_raises_after_the_parts_already_decoded(
    io: Driver, replay: ReplayFactory
) -> None:
    provider, transport = replay()
    transport.add(ReplayResponse.from_fixture(FIXTURES, "chat-stream-text").cut(after_chunks=3))
    received: list[object] = []
    with pytest.raises(StreamInterruptedError) as raised:
        if io.mode == "sync":
            for part in provider.chat("gpt-4o-mini").do_stream(CallOptions(prompt=HELLO)).stream:
                received.append(part)
        else:
            result = await provider.chat("gpt-4o-mini").ado_stream(CallOptions(prompt=HELLO))
            async for part in result.stream:
                received.append(part)
    # Three chunks arrived: the role-only delta, "Hello" and ", wörld"; no text-end and no finish were invented.
    assert [type(part).__name__ for part in received] == [
        "StreamStart",
        "ResponseMetadata",
        "TextStart",
        "TextDelta",
        "TextDelta",
    ]
    assert raised.value.partial == received
