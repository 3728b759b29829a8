"""The Messages model over replayed wire data, sync and async: exact request bodies and headers, decoded parts."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ai_sdk_core.providers.anthropic import ANTHROPIC_VERSION, anthropic, create_anthropic
from ai_sdk_core.spec import (
    APICallError,
    CallOptions,
    FilePart,
    Finish,
    FunctionTool,
    InputTokens,
    LoadAPIKeyError,
    Prompt,
    ProviderTool,
    ReasoningContent,
    ReasoningDelta,
    ReasoningStart,
    ResponseFormat,
    ResponseMetadata,
    SourceContent,
    StreamError,
    StreamStart,
    TextContent,
    TextDelta,
    TextEnd,
    TextPart,
    TextStart,
    ToolCallContent,
    ToolChoice,
    ToolDefinition,
    ToolResultContent,
    UserMessage,
)
from ai_sdk_core.testing.replay import ReplayResponse

from .conftest import API_KEY, Driver, ReplayFactory

PROMPT: Prompt = [UserMessage([TextPart("What is the weather in Paris?")])]
PERSON_SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}

REDACTED = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"

pytestmark = pytest.mark.anyio


async def test_headers_url_and_text_answer(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("text", headers={"x-team": "weather"})
    result = await io.generate(provider("claude-sonnet-4-5"), CallOptions(prompt=PROMPT, temperature=0.2))
    request = transport.requests[0]
    assert request.url == "https://api.anthropic.com/v1/messages"
    assert request.headers["x-api-key"] == API_KEY
    assert request.headers["anthropic-version"] == ANTHROPIC_VERSION
    assert request.headers["x-team"] == "weather"
    assert "anthropic-beta" not in request.headers
    assert request.json["temperature"] == 0.2
    assert result.content == [TextContent("It is sunny in Paris today.")]
    assert result.response.id == "msg_01TextAnswer"
    assert result.response.model_id == "claude-sonnet-4-5-20250929"
    assert result.provider_metadata is not None
    assert result.provider_metadata["anthropic"]["stop_sequence"] is None


async def test_key_and_base_url_come_from_the_environment_at_request_time(
    io: Driver, replay: ReplayFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider, transport = replay("text", api_key=None)
    model = provider("claude-sonnet-4-5")
    with pytest.raises(LoadAPIKeyError, match="ANTHROPIC_API_KEY"):
        await io.generate(model, CallOptions(prompt=PROMPT))
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-from-env")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "https://proxy.example/anthropic/v1/")
    await io.generate(model, CallOptions(prompt=PROMPT))
    assert transport.requests[0].url == "https://proxy.example/anthropic/v1/messages"
    assert transport.requests[0].headers["x-api-key"] == "sk-ant-from-env"


def test_the_key_never_shows_and_never_crosses_origins() -> None:
    provider = create_anthropic(api_key="sk-ant-secret-value")
    assert "secret" not in repr(provider)
    request = provider("claude-sonnet-4-5").build_request(CallOptions(prompt=PROMPT), stream=False).request
    assert "x-api-key" in request.credential_headers
    assert "secret" not in repr(request)
    assert anthropic.name == "anthropic"


async def test_overloaded_529_is_a_retryable_api_call_error(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("error-overloaded")
    with pytest.raises(APICallError) as caught:
        await io.generate(provider("claude-sonnet-4-5"), CallOptions(prompt=PROMPT))
    assert caught.value.status_code == 529
    assert caught.value.is_retryable
    assert "Overloaded" in caught.value.message


async def test_thinking_drops_sampling_settings_and_adds_the_budget(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("text")
    options = CallOptions(
        prompt=PROMPT,
        temperature=0.5,
        top_k=40,
        max_output_tokens=1000,
        stop_sequences=["END"],
        provider_options={"anthropic": {"thinking": {"type": "enabled", "budget_tokens": 4000}}},
    )
    result = await io.generate(provider("claude-sonnet-4-5"), options)
    body = transport.requests[0].json
    assert body["max_tokens"] == 5000
    assert body["thinking"] == {"type": "enabled", "budget_tokens": 4000}
    assert body["stop_sequences"] == ["END"]
    assert "temperature" not in body and "top_k" not in body
    assert {warning.feature for warning in result.warnings} == {"temperature", "top_k"}


async def test_unknown_model_gets_the_conservative_max_tokens_with_a_warning(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("text")
    result = await io.generate(provider("my-proxy-model"), CallOptions(prompt=PROMPT, seed=3))
    assert transport.requests[0].json["max_tokens"] == 4096
    assert [(warning.type, warning.feature) for warning in result.warnings] == [
        ("unsupported", "seed"),
        ("compatibility", "max_output_tokens"),
    ]


async def test_json_tool_structured_output_for_older_models(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("json-tool")
    options = CallOptions(prompt=PROMPT, response_format=ResponseFormat(type="json", schema=PERSON_SCHEMA))
    result = await io.generate(provider("claude-3-5-haiku-20241022"), options)
    body = transport.requests[0].json
    assert body["tools"] == [
        {"name": "json", "input_schema": PERSON_SCHEMA, "description": "Respond with a JSON object."}
    ]
    assert body["tool_choice"] == {"type": "any", "disable_parallel_tool_use": True}
    assert "output_config" not in body
    assert result.content == [TextContent('{"name":"Ada Lovelace","born":1815}')]
    assert result.finish_reason.unified == "stop"


async def test_json_tool_streams_as_text(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("stream-json-tool")
    options = CallOptions(prompt=PROMPT, response_format=ResponseFormat(type="json", schema=PERSON_SCHEMA))
    parts = await io.stream(provider("claude-3-5-haiku-20241022"), options)
    assert [part for part in parts if isinstance(part, TextStart | TextDelta | TextEnd)] == [
        TextStart("0"),
        TextDelta("0", '{"name": "Ada'),
        TextDelta("0", ' Lovelace", "born": 1815}'),
        TextEnd("0"),
    ]
    assert not any(isinstance(part, ToolCallContent) for part in parts)
    finish = parts[-1]
    assert isinstance(finish, Finish) and finish.finish_reason.unified == "stop"


async def test_provider_tools_set_beta_headers(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("text")
    tools: list[ToolDefinition] = [
        ProviderTool("anthropic.code_execution_20250825", "code_execution"),
        ProviderTool("anthropic.bash_20250124", "bash"),
        FunctionTool("get_weather", {"type": "object"}),
    ]
    options = CallOptions(prompt=PROMPT, tools=tools, provider_options={"anthropic": {"anthropic_beta": ["x-1"]}})
    await io.generate(provider("claude-sonnet-4-5"), options)
    request = transport.requests[0]
    assert request.headers["anthropic-beta"] == "code-execution-2025-08-25,computer-use-2025-01-24,x-1"
    assert [tool.get("type") for tool in request.json["tools"]] == ["code_execution_20250825", "bash_20250124", None]


async def test_web_search_results_are_provider_executed_and_sources(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("web-search")
    tool = ProviderTool("anthropic.web_search_20250305", "web_search", {"max_uses": 2})
    result = await io.generate(provider("claude-sonnet-4-5"), CallOptions(prompt=PROMPT, tools=[tool]))
    assert transport.requests[0].json["tools"] == [{"type": "web_search_20250305", "name": "web_search", "max_uses": 2}]
    call, tool_result, source = result.content[1], result.content[2], result.content[3]
    assert call == ToolCallContent(
        "srvtoolu_01Search", "web_search", '{"query":"claude shannon birth date"}', provider_executed=True
    )
    assert isinstance(tool_result, ToolResultContent)
    assert tool_result.tool_name == "web_search" and tool_result.is_error is None
    assert tool_result.result[0]["encrypted_content"] == "EqgfCioIARgBIiQ3YTAw"
    assert isinstance(source, SourceContent)
    assert (source.source_type, source.url, source.title) == (
        "url",
        "https://en.wikipedia.org/wiki/Claude_Shannon",
        "Claude Shannon - Wikipedia",
    )
    assert result.content[4] == TextContent("Claude Shannon was born on April 30, 1916.")


async def test_document_citations_become_sources_and_cache_usage(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("document-citations")
    document = FilePart(
        b"%PDF-1.7",
        "application/pdf",
        filename="report.pdf",
        provider_options={"anthropic": {"citations": {"enabled": True}, "cache_control": {"type": "ephemeral"}}},
    )
    prompt: Prompt = [UserMessage([document, TextPart("How did revenue do?")])]
    result = await io.generate(provider("claude-sonnet-4-5"), CallOptions(prompt=prompt))
    sent = transport.requests[0].json["messages"][0]["content"][0]
    assert sent["citations"] == {"enabled": True}
    assert sent["cache_control"] == {"type": "ephemeral"}
    assert transport.requests[0].headers["anthropic-beta"] == "pdfs-2024-09-25"
    sources = [part for part in result.content if isinstance(part, SourceContent)]
    assert len(sources) == 1
    assert (sources[0].source_type, sources[0].media_type, sources[0].title, sources[0].filename) == (
        "document",
        "application/pdf",
        "Annual report",
        "report.pdf",
    )
    assert sources[0].provider_metadata == {
        "anthropic": {"cited_text": "Revenue grew 12% year over year.", "start_page_number": 3, "end_page_number": 4}
    }
    assert result.usage.input_tokens == InputTokens(total=4148, no_cache=2100, cache_read=0, cache_write=2048)
    assert result.provider_metadata is not None
    assert result.provider_metadata["anthropic"]["cache_creation_input_tokens"] == 2048


async def test_streamed_reasoning_carries_signature_and_redacted_data(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("stream-reasoning")
    parts = await io.stream(provider("claude-sonnet-4-5"), CallOptions(prompt=PROMPT))
    assert isinstance(parts[0], StreamStart)
    assert parts[1] == ResponseMetadata(id="msg_01Thinking", model_id="claude-sonnet-4-5-20250929")
    signed = [
        (part.type, part.provider_metadata)
        for part in parts
        if isinstance(part, (ReasoningStart, ReasoningDelta)) and part.provider_metadata
    ]
    assert signed == [
        ("reasoning-delta", {"anthropic": {"signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}}),
        ("reasoning-start", {"anthropic": {"redacted_data": REDACTED}}),
    ]


async def test_stream_error_event_becomes_an_error_part(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("stream-error")
    parts = await io.stream(provider("claude-sonnet-4-5"), CallOptions(prompt=PROMPT))
    errors = [part for part in parts if isinstance(part, StreamError)]
    assert errors == [StreamError({"type": "overloaded_error", "message": "Overloaded"})]
    assert parts[-2:] == [TextEnd("0"), parts[-1]]
    finish = parts[-1]
    assert isinstance(finish, Finish) and finish.finish_reason.unified == "error"


async def test_streamed_web_search_and_late_usage(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("stream-web-search")
    parts = await io.stream(provider("claude-sonnet-4-5"), CallOptions(prompt=PROMPT))
    calls = [part for part in parts if isinstance(part, ToolCallContent)]
    assert calls == [ToolCallContent("srvtoolu_01Stream", "web_search", '{"query": "weather paris"}', True)]
    results = [part for part in parts if isinstance(part, ToolResultContent)]
    assert results[0].tool_call_id == "srvtoolu_01Stream"
    assert [part.url for part in parts if isinstance(part, SourceContent)] == ["https://weather.example/paris"]
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.usage.input_tokens == InputTokens(total=3879, no_cache=2679, cache_read=1200, cache_write=0)
    assert finish.usage.output_tokens.total == 510


async def test_streamed_reasoning_decodes_to_reasoning_content_when_whole(io: Driver, replay: ReplayFactory) -> None:
    # The same thinking block, whole: the signature sits on the reasoning content itself.
    body = {
        "id": "msg_1",
        "model": "claude-sonnet-4-5",
        "content": [
            {"type": "thinking", "thinking": "Hmm.", "signature": "sig"},
            {"type": "redacted_thinking", "data": "opaque"},
        ],
        "stop_reason": "end_turn",
        "usage": {"input_tokens": 1, "output_tokens": 2},
    }
    provider, _ = replay(ReplayResponse.json_body(body))
    result = await io.generate(provider("claude-sonnet-4-5"), CallOptions(prompt=PROMPT))
    assert result.content == [
        ReasoningContent("Hmm.", {"anthropic": {"signature": "sig"}}),
        ReasoningContent("", {"anthropic": {"redacted_data": "opaque"}}),
    ]


async def test_refusal_maps_to_content_filter(io: Driver, replay: ReplayFactory) -> None:
    body = {"id": "msg_2", "content": [], "stop_reason": "refusal", "usage": {"input_tokens": 3, "output_tokens": 0}}
    provider, _ = replay(ReplayResponse.json_body(body))
    result = await io.generate(provider("claude-sonnet-4-5"), CallOptions(prompt=PROMPT))
    assert (result.finish_reason.unified, result.finish_reason.raw) == ("content-filter", "refusal")


def test_injected_clients_are_left_open() -> None:
    client = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(500)))
    with create_anthropic(api_key="k", http_client=client):
        pass
    assert not client.is_closed
    client.close()


@pytest.mark.parametrize(
    ("reasoning", "thinking", "max_tokens"),
    [
        ("low", {"type": "enabled", "budget_tokens": 6400}, 64000),
        ("none", {"type": "disabled"}, 64000),
    ],
)
def test_neutral_reasoning_level_maps_to_a_thinking_budget(
    reasoning: str, thinking: dict[str, object], max_tokens: int
) -> None:
    model = create_anthropic(api_key="k")("claude-sonnet-4-5")
    body = model.build_body(CallOptions(prompt=PROMPT, reasoning=reasoning), stream=False).body
    assert (body["thinking"], body["max_tokens"]) == (thinking, max_tokens)


def test_provider_options_thinking_wins_over_the_neutral_level() -> None:
    model = create_anthropic(api_key="k")("claude-sonnet-4-5")
    options = CallOptions(
        prompt=PROMPT,
        reasoning="high",
        max_output_tokens=500,
        provider_options={"anthropic": {"thinking": {"type": "enabled", "budget_tokens": 1500}}},
    )
    body = model.build_body(options, stream=False).body
    assert (body["thinking"], body["max_tokens"]) == ({"type": "enabled", "budget_tokens": 1500}, 2000)


async def test_streamed_thinking_signature_comes_back_in_the_next_request(io: Driver, replay: ReplayFactory) -> None:
    # The signature arrives on a reasoning delta; the core must keep it on the reasoning part it sends back.
    from ai_sdk_core import astream_text, step_count_is, stream_text, tool

    provider, transport = replay("stream-thinking-tool-call", "stream-text")
    arguments: dict[str, Any] = {
        "model": provider("claude-sonnet-4-5"),
        "prompt": "What is the weather in Paris?",
        "tools": {"get_weather": tool(description=None, input_schema={"type": "object"}, execute=lambda _: {"t": 21})},
        "stop_when": step_count_is(2),
        "max_retries": 0,
        "provider_options": {"anthropic": {"thinking": {"type": "enabled", "budget_tokens": 1024}}},
    }
    if io.mode == "sync":
        with stream_text(**arguments) as streamed:
            streamed.consume_stream()
    else:
        async with astream_text(**arguments) as async_streamed:
            await async_streamed.consume_stream()
    assert transport.requests[1].json["messages"][1]["content"][0] == {
        "type": "thinking",
        "thinking": "I should look the weather up.",
        "signature": "ErUBCkYIBRgCIkD0sig-streamed",
    }


def _thinking_options(budget: int, **changes: Any) -> CallOptions:
    thinking = {"type": "enabled", "budget_tokens": budget}
    return CallOptions(prompt=PROMPT, provider_options={"anthropic": {"thinking": thinking}}, **changes)


@pytest.mark.parametrize("choice", [ToolChoice("required"), ToolChoice("tool", "weather")])
def test_thinking_turns_a_forced_tool_choice_into_auto_with_a_warning(choice: ToolChoice) -> None:
    model = create_anthropic(api_key="k")("claude-sonnet-4-5")
    tool = FunctionTool("weather", {"type": "object", "properties": {}})
    built = model.build_body(_thinking_options(2000, tools=[tool], tool_choice=choice), stream=False)
    assert built.body["tool_choice"] == {"type": "auto"}
    assert [warning.feature for warning in built.warnings] == ["tool_choice"]


def test_thinking_is_disabled_when_structured_output_needs_the_json_tool() -> None:
    model = create_anthropic(api_key="k")("claude-sonnet-4-20250514")  # no native output format
    options = _thinking_options(2000, response_format=ResponseFormat(type="json", schema=PERSON_SCHEMA))
    built = model.build_body(options, stream=False)
    assert "thinking" not in built.body
    assert built.body["tool_choice"]["type"] == "any"
    assert [warning.feature for warning in built.warnings] == ["thinking"]


def test_thinking_with_the_json_tool_mode_switches_to_the_native_format_when_the_model_has_it() -> None:
    model = create_anthropic(api_key="k")("claude-sonnet-4-5")
    options = _thinking_options(2000, response_format=ResponseFormat(type="json", schema=PERSON_SCHEMA))
    options.provider_options["anthropic"]["structured_output_mode"] = "json_tool"
    built = model.build_body(options, stream=False)
    assert built.body["thinking"] == {"type": "enabled", "budget_tokens": 2000}
    assert built.body["output_config"]["format"]["type"] == "json_schema"
    assert "tools" not in built.body and not built.context.json_tool


@pytest.mark.parametrize(
    ("budget", "max_output_tokens", "expected_budget", "expected_max_tokens"),
    [(64000, None, 63999, 64000), (70000, 1000, 63999, 64000), (500, 100, 1024, 1124)],
)
def test_thinking_budget_stays_between_the_minimum_and_max_tokens(
    budget: int, max_output_tokens: int | None, expected_budget: int, expected_max_tokens: int
) -> None:
    model = create_anthropic(api_key="k")("claude-sonnet-4-5")
    built = model.build_body(_thinking_options(budget, max_output_tokens=max_output_tokens), stream=False)
    assert built.body["thinking"] == {"type": "enabled", "budget_tokens": expected_budget}
    assert built.body["max_tokens"] == expected_max_tokens
    assert "thinking.budget_tokens" in [warning.feature for warning in built.warnings]
