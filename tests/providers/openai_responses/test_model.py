"""The Responses model over replayed wire data: the exact request sent and what it decodes to, sync and async."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ai_sdk_core import astream_text, step_count_is, stream_text, tool
from ai_sdk_core.providers.openai.responses import openai_tools
from ai_sdk_core.spec import (
    APICallError,
    CallOptions,
    CallWarning,
    Finish,
    FunctionTool,
    InvalidArgumentError,
    Prompt,
    ReasoningContent,
    ResponseMetadata,
    SourceContent,
    StreamError,
    StreamStart,
    SystemMessage,
    TextContent,
    TextDelta,
    TextEnd,
    TextPart,
    TextStart,
    ToolCallContent,
    ToolChoice,
    ToolResultContent,
    UserMessage,
)

from .conftest import API_KEY, Driver, ModelFactory

pytestmark = pytest.mark.anyio

HELLO: Prompt = [SystemMessage("Be brief."), UserMessage([TextPart("Hello")])]
USER_HELLO = {"role": "user", "content": [{"type": "input_text", "text": "Hello"}]}


async def test_request_url_headers_and_every_option(io: Driver, replay: ModelFactory) -> None:
    model, transport = replay("text", model_id="gpt-4.1-mini")
    result = await io.generate(
        model,
        CallOptions(
            prompt=HELLO,
            temperature=0.3,
            top_p=0.9,
            max_output_tokens=200,
            seed=7,
            tools=[FunctionTool(name="get_weather", input_schema={"type": "object"})],
            tool_choice=ToolChoice("required"),
            headers={"x-trace": "t-1"},
            provider_options={
                "openai": {
                    "instructions": "Answer in French.",
                    "previous_response_id": "resp_prev",
                    "store": True,
                    "metadata": {"session": "s1"},
                    "parallel_tool_calls": False,
                    "user": "user-1",
                    "service_tier": "flex",
                    "truncation": "auto",
                    "max_tool_calls": 3,
                    "text_verbosity": "low",
                    "prompt_cache_key": "cache-1",
                    "safety_identifier": "hash-1",
                    "include": ["web_search_call.action.sources"],
                }
            },
        ),
    )
    request = transport.last_request
    assert request.url == "https://api.openai.com/v1/responses"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["x-trace"] == "t-1"
    assert request.json == {
        "model": "gpt-4.1-mini",
        "input": [{"role": "system", "content": "Be brief."}, USER_HELLO],
        "instructions": "Answer in French.",
        "temperature": 0.3,
        "top_p": 0.9,
        "max_output_tokens": 200,
        "text": {"verbosity": "low"},
        "tools": [{"type": "function", "name": "get_weather", "parameters": {"type": "object"}, "strict": False}],
        "tool_choice": "required",
        "parallel_tool_calls": False,
        "max_tool_calls": 3,
        "include": ["web_search_call.action.sources"],
        "previous_response_id": "resp_prev",
        "store": True,
        "metadata": {"session": "s1"},
        "user": "user-1",
        "safety_identifier": "hash-1",
        "prompt_cache_key": "cache-1",
        "service_tier": "flex",
        "truncation": "auto",
    }
    assert result.warnings == (CallWarning(type="unsupported", feature="seed"),)
    assert result.request.body == request.json
    assert result.content == [
        TextContent("It is sunny in Paris today.", provider_metadata={"openai": {"item_id": "msg_text01"}})
    ]
    assert result.provider_metadata == {"openai": {"response_id": "resp_text01", "service_tier": "default"}}
    assert result.response.id == "resp_text01"
    assert result.response.model_id == "gpt-5-mini-2025-08-07"
    assert result.response.timestamp == datetime(2025, 11, 25, 19, 46, 40, tzinfo=UTC)
    assert result.response.headers["x-request-id"] == "req_text"


async def test_reasoning_model_settings(io: Driver, replay: ModelFactory) -> None:
    model, transport = replay("reasoning")
    result = await io.generate(
        model,
        CallOptions(
            prompt=HELLO,
            temperature=0.5,
            reasoning="high",
            provider_options={"openai": {"reasoning_summary": "detailed", "store": False}},
        ),
    )
    body = transport.last_request.json
    # Reasoning models take system messages as developer messages and no sampling settings.
    assert body["input"][0] == {"role": "developer", "content": "Be brief."}
    assert "temperature" not in body
    assert body["reasoning"] == {"effort": "high", "summary": "detailed"}
    assert body["include"] == ["reasoning.encrypted_content"]
    assert body["store"] is False
    assert result.warnings[0].feature == "temperature"
    metadata = {"openai": {"item_id": "rs_reason01", "reasoning_encrypted_content": "gAAAAB-encrypted-reason01"}}
    assert result.content[:2] == [
        ReasoningContent("**Checking the question**\n\nThe user wants a short fact.", provider_metadata=metadata),
        ReasoningContent("Paris is the capital.", provider_metadata=metadata),
    ]
    assert result.usage.output_tokens.reasoning == 160
    assert result.usage.input_tokens.cache_read == 8


async def test_provider_options_are_validated(io: Driver, replay: ModelFactory) -> None:
    model, transport = replay("text")
    with pytest.raises(InvalidArgumentError, match="reasoning_efort"):
        await io.generate(model, CallOptions(prompt=HELLO, provider_options={"openai": {"reasoning_efort": "low"}}))
    assert transport.requests == []


async def test_reasoning_options_on_a_non_reasoning_model_warn(io: Driver, replay: ModelFactory) -> None:
    model, transport = replay("text", model_id="gpt-4o")
    result = await io.generate(model, CallOptions(prompt=HELLO, reasoning="low"))
    assert "reasoning" not in transport.last_request.json
    assert result.warnings[0].feature == "reasoning"


async def test_web_search_results_and_citations(io: Driver, replay: ModelFactory) -> None:
    model, transport = replay("web-search")
    result = await io.generate(
        model,
        CallOptions(prompt=HELLO, tools=[openai_tools.web_search(search_context_size="medium", name="search")]),
    )
    assert transport.last_request.json["tools"] == [{"type": "web_search", "search_context_size": "medium"}]
    call, tool_result, text, source = result.content
    assert isinstance(call, ToolCallContent)
    assert (call.tool_call_id, call.tool_name, call.provider_executed) == ("ws_web01", "search", True)
    assert isinstance(tool_result, ToolResultContent)
    assert tool_result.result == {
        "status": "completed",
        "action": {"type": "search", "query": "Paris weather today"},
    }
    assert isinstance(text, TextContent)
    assert source == SourceContent(
        source_type="url", id="msg_web01:0:0", url="https://meteo.example/paris", title="Météo Paris"
    )
    assert result.finish_reason.unified == "stop"


@pytest.mark.parametrize(("fixture", "unified"), [("incomplete", "length"), ("content-filter", "content-filter")])
async def test_incomplete_responses(io: Driver, replay: ModelFactory, fixture: str, unified: str) -> None:
    model, _ = replay(fixture)
    result = await io.generate(model, CallOptions(prompt=HELLO))
    assert result.finish_reason.unified == unified


async def test_rate_limit_error_is_retryable(io: Driver, replay: ModelFactory) -> None:
    model, _ = replay("error-429")
    with pytest.raises(APICallError) as caught:
        await io.generate(model, CallOptions(prompt=HELLO))
    assert caught.value.status_code == 429
    assert caught.value.is_retryable
    assert caught.value.message == "Rate limit reached for gpt-5-mini."
    assert API_KEY not in repr(caught.value)


async def test_stream_text_parts(io: Driver, replay: ModelFactory) -> None:
    model, transport = replay("stream-text")
    parts = await io.stream(model, CallOptions(prompt=[UserMessage([TextPart("Hello")])]))
    assert transport.last_request.json == {"model": "gpt-5-mini", "input": [USER_HELLO], "stream": True}
    item = {"openai": {"item_id": "msg_stream01"}}
    assert parts[0] == StreamStart(warnings=())
    assert parts[1] == ResponseMetadata(
        id="resp_stream01", timestamp=datetime(2025, 11, 25, 19, 46, 40, tzinfo=UTC), model_id="gpt-5-mini-2025-08-07"
    )
    assert parts[2] == TextStart(id="msg_stream01", provider_metadata=item)
    assert [part.delta for part in parts if isinstance(part, TextDelta)] == [
        "It is ",
        "sunny in ",
        "Paris: ",
        "très beau.",
    ]
    assert parts[-2] == TextEnd(id="msg_stream01", provider_metadata=item)
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.finish_reason.unified == "stop"
    assert (finish.usage.input_tokens.total, finish.usage.output_tokens.total) == (14, 10)
    assert finish.provider_metadata == {"openai": {"response_id": "resp_stream01", "service_tier": "default"}}


async def test_stream_web_search(io: Driver, replay: ModelFactory) -> None:
    model, _ = replay("stream-web-search")
    parts = await io.stream(model, CallOptions(prompt=HELLO, tools=[openai_tools.web_search()]))
    calls = [part for part in parts if isinstance(part, ToolCallContent)]
    results = [part for part in parts if isinstance(part, ToolResultContent)]
    sources = [part for part in parts if isinstance(part, SourceContent)]
    assert [(call.tool_name, call.provider_executed) for call in calls] == [("web_search", True)]
    assert results[0].result["action"] == {"type": "search", "query": "Paris weather"}
    assert [source.url for source in sources] == ["https://meteo.example/paris"]
    assert isinstance(parts[-1], Finish)
    assert parts[-1].finish_reason.unified == "stop"
    assert parts[-1].usage.input_tokens.cache_read == 256


@pytest.mark.parametrize(
    ("fixture", "unified", "has_error"),
    [("stream-incomplete", "length", False), ("stream-failed", "error", True), ("stream-error-event", "error", True)],
)
async def test_stream_endings(io: Driver, replay: ModelFactory, fixture: str, unified: str, has_error: bool) -> None:
    model, _ = replay(fixture)
    parts = await io.stream(model, CallOptions(prompt=HELLO))
    assert any(isinstance(part, StreamError) for part in parts) is has_error
    assert isinstance(parts[-1], Finish)
    assert parts[-1].finish_reason.unified == unified


def _weather_tool() -> Any:
    return tool(
        description=None,
        input_schema={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        execute=lambda arguments: {"temperature": 21},
    )


async def test_streamed_round_trip_sends_encrypted_reasoning_and_item_ids(io: Driver, replay: ModelFactory) -> None:
    # The encrypted content arrives only with the finished reasoning item: the core must still carry it back.
    model, transport = replay("stream-round-trip-1", "stream-round-trip-2")
    arguments: dict[str, Any] = {
        "model": model,
        "prompt": "What is the weather in Paris?",
        "tools": {"get_weather": _weather_tool()},
        "stop_when": step_count_is(2),
        "max_retries": 0,
        "provider_options": {"openai": {"store": False}},
    }
    if io.mode == "sync":
        with stream_text(**arguments) as streamed:
            streamed.consume_stream()
            assert streamed.error is None
    else:
        async with astream_text(**arguments) as async_streamed:
            await async_streamed.consume_stream()
            assert await async_streamed.error is None
    assert len(transport.requests) == 2
    assert transport.requests[1].json["input"][1:] == [
        {
            "type": "reasoning",
            "id": "rs_strip01",
            "summary": [{"type": "summary_text", "text": "Need the weather tool."}],
            "encrypted_content": "gAAAAB-encrypted-strip01",
        },
        {
            "type": "function_call",
            "call_id": "call_strip01",
            "name": "get_weather",
            "arguments": '{"city":"Paris"}',
            "id": "fc_strip01",
        },
        {"type": "function_call_output", "call_id": "call_strip01", "output": '{"temperature":21}'},
    ]


@pytest.mark.parametrize(
    "fixture", ["stream-text", "stream-tool-call", "stream-reasoning", "stream-web-search", "stream-incomplete"]
)
def test_streams_keep_the_shared_part_invariants(replay: ModelFactory, fixture: str) -> None:
    from tests.providers.conformance.test_conformance import check_stream_invariants

    model, _ = replay(fixture)
    check_stream_invariants(list(model.do_stream(CallOptions(prompt=HELLO, tools=[openai_tools.web_search()])).stream))
