"""Vendor quirks the shared conformance suite does not see: DeepSeek's reasoning send-back rule and cache usage,
Perplexity's sources and search metadata, xAI's citations and Live Search settings, Groq's options."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from ai_sdk_core.providers.deepseek import convert_deepseek_usage, create_deepseek, reasoning_to_send_back
from ai_sdk_core.providers.groq import create_groq
from ai_sdk_core.providers.perplexity import create_perplexity
from ai_sdk_core.providers.xai import create_xai
from ai_sdk_core.spec import (
    AssistantMessage,
    CallOptions,
    Finish,
    FunctionTool,
    InputTokens,
    InvalidArgumentError,
    Message,
    Prompt,
    ReasoningContent,
    ReasoningDelta,
    ReasoningPart,
    SourceContent,
    StreamPart,
    TextContent,
    TextPart,
    ToolCallPart,
    ToolMessage,
    ToolResultOutput,
    ToolResultPart,
    UserMessage,
)
from ai_sdk_core.testing.replay import ReplayTransport

pytestmark = pytest.mark.anyio

FIXTURES = Path(__file__).parent / "fixtures"
ASK = UserMessage([TextPart("What is the weather in Paris?")])


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def clients() -> Iterator[Any]:
    """``clients(vendor, *fixtures)`` -> (sync client, async client, transport) serving those fixtures."""
    opened: list[httpx.Client] = []

    def make(vendor: str, *fixtures: str) -> tuple[httpx.Client, httpx.AsyncClient, ReplayTransport]:
        transport = ReplayTransport.from_fixtures(FIXTURES / vendor, *fixtures)
        client = httpx.Client(transport=transport)
        opened.append(client)
        return client, httpx.AsyncClient(transport=transport), transport

    yield make
    for client in opened:
        client.close()


async def generate(mode: str, model: Any, options: CallOptions) -> Any:
    return model.do_generate(options) if mode == "sync" else await model.ado_generate(options)


async def stream(mode: str, model: Any, options: CallOptions) -> list[StreamPart]:
    if mode == "sync":
        return list(model.do_stream(options).stream)
    result = await model.ado_stream(options)
    return [part async for part in result.stream]


# --- DeepSeek ---------------------------------------------------------------------------------------------


def _tool_turn(call_id: str, reasoning: str) -> list[Message]:
    return [
        AssistantMessage(
            [
                ReasoningPart(reasoning),
                ToolCallPart(tool_call_id=call_id, tool_name="get_weather", input={"city": "Paris"}),
            ]
        ),
        ToolMessage(
            [
                ToolResultPart(
                    tool_call_id=call_id,
                    tool_name="get_weather",
                    output=ToolResultOutput(type="json", value={"temperature": 21}),
                )
            ]
        ),
        AssistantMessage([ReasoningPart("21 degrees, then."), TextPart("21 °C.")]),
    ]


def test_deepseek_sends_reasoning_back_only_for_turns_that_called_tools() -> None:
    prompt: Prompt = [
        ASK,
        AssistantMessage([ReasoningPart("Small talk."), TextPart("Hello!")]),
        UserMessage([TextPart("And the weather?")]),
        *_tool_turn("call_1", "Need the tool."),
        UserMessage([TextPart("Thanks")]),
    ]
    # Turn 1 made no tool call: nothing goes back. Turn 2 did: both of its assistant messages carry reasoning.
    assert reasoning_to_send_back(prompt) == [None, "Need the tool.", "21 degrees, then."]


def test_deepseek_v4_sends_reasoning_on_every_assistant_message() -> None:
    prompt: Prompt = [
        ASK,
        AssistantMessage([ReasoningPart("Small talk."), TextPart("Hello!")]),
        UserMessage([TextPart("And the weather?")]),
        AssistantMessage([TextPart("No reasoning here.")]),
    ]
    assert reasoning_to_send_back(prompt, every_message=True) == ["Small talk.", ""]


def test_deepseek_assistant_without_reasoning_sends_none() -> None:
    prompt: Prompt = [ASK, AssistantMessage([ToolCallPart(tool_call_id="c", tool_name="get_weather", input={})])]
    assert reasoning_to_send_back(prompt) == [None]


async def test_deepseek_request_carries_reasoning_of_tool_turns_only(mode: str, clients: Any) -> None:
    client, async_client, transport = clients("deepseek", "text")
    model = create_deepseek(api_key="sk-test", http_client=client, async_http_client=async_client)("deepseek-reasoner")
    prompt: Prompt = [
        ASK,
        AssistantMessage([ReasoningPart("Small talk."), TextPart("Hello!")]),
        UserMessage([TextPart("And the weather?")]),
        *_tool_turn("call_1", "Need the tool."),
    ]
    await generate(mode, model, CallOptions(prompt=prompt))
    messages = transport.last_request.json["messages"]
    assert messages[1] == {"role": "assistant", "content": "Hello!"}
    assert messages[3]["reasoning_content"] == "Need the tool."
    assert messages[3]["tool_calls"][0]["id"] == "call_1"
    assert messages[5] == {"role": "assistant", "content": "21 °C.", "reasoning_content": "21 degrees, then."}


def test_deepseek_cache_usage() -> None:
    usage = convert_deepseek_usage(
        {"prompt_tokens": 160, "completion_tokens": 20, "prompt_cache_hit_tokens": 128, "prompt_cache_miss_tokens": 32}
    )
    assert usage.input_tokens == InputTokens(total=160, no_cache=32, cache_read=128, cache_write=None)
    assert usage.output_tokens.total == 20
    assert convert_deepseek_usage(None).input_tokens.total is None


async def test_deepseek_cache_usage_and_metadata_decoded(mode: str, clients: Any) -> None:
    client, async_client, _ = clients("deepseek", "tool-call", "stream-tool-call")
    model = create_deepseek(api_key="sk-test", http_client=client, async_http_client=async_client)("deepseek-chat")
    result = await generate(mode, model, CallOptions(prompt=[ASK]))
    assert result.usage.input_tokens == InputTokens(total=160, no_cache=32, cache_read=128, cache_write=None)
    assert result.provider_metadata["deepseek"] == {"prompt_cache_hit_tokens": 128, "prompt_cache_miss_tokens": 32}
    parts = await stream(mode, model, CallOptions(prompt=[ASK]))
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.usage.input_tokens.cache_read == 128
    assert finish.provider_metadata is not None
    assert finish.provider_metadata["deepseek"]["prompt_cache_miss_tokens"] == 32


async def test_deepseek_reasoning_content_decoded(mode: str, clients: Any) -> None:
    client, async_client, _ = clients("deepseek", "reasoning")
    model = create_deepseek(api_key="sk-test", http_client=client, async_http_client=async_client)("deepseek-reasoner")
    result = await generate(mode, model, CallOptions(prompt=[ASK]))
    assert [type(part) for part in result.content] == [ReasoningContent, TextContent]
    assert result.usage.output_tokens.reasoning == 28


def test_deepseek_rejects_unknown_option() -> None:
    model = create_deepseek(api_key="sk-test")("deepseek-chat")
    with pytest.raises(InvalidArgumentError, match="thinkng"):
        model.build_body(CallOptions(prompt=[ASK], provider_options={"deepseek": {"thinkng": {}}}), stream=False)


# --- Perplexity -------------------------------------------------------------------------------------------

EXPECTED_SOURCES = [
    ("https://weather.example.org/paris", "Paris weather today"),
    ("https://meteo.example.fr/paris", "Météo Paris"),
    ("https://news.example.com/paris-autumn", None),
]


async def test_perplexity_sources_and_metadata_in_a_whole_response(mode: str, clients: Any) -> None:
    client, async_client, _ = clients("perplexity", "text")
    model = create_perplexity(api_key="pplx-test", http_client=client, async_http_client=async_client)("sonar-pro")
    result = await generate(mode, model, CallOptions(prompt=[ASK]))
    assert isinstance(result.content[0], TextContent)
    sources = [(part.url, part.title) for part in result.content if isinstance(part, SourceContent)]
    assert sources == EXPECTED_SOURCES
    metadata = result.provider_metadata["perplexity"]
    assert metadata["usage"] == {"citation_tokens": 412, "num_search_queries": 1}
    assert metadata["images"][0]["image_url"] == "https://img.example.org/eiffel.jpg"


async def test_perplexity_stream_sources_once_before_finish(mode: str, clients: Any) -> None:
    client, async_client, _ = clients("perplexity", "stream-text")
    model = create_perplexity(api_key="pplx-test", http_client=client, async_http_client=async_client)("sonar-pro")
    parts = await stream(mode, model, CallOptions(prompt=[ASK]))
    sources = [(part.url, part.title) for part in parts if isinstance(part, SourceContent)]
    assert sources == EXPECTED_SOURCES
    assert isinstance(parts[-1], Finish)
    assert isinstance(parts[-2], SourceContent)
    assert parts[-1].provider_metadata is not None
    assert parts[-1].provider_metadata["perplexity"] == {"usage": {"citation_tokens": 388, "num_search_queries": 1}}


async def test_perplexity_drops_tools_and_sends_search_options(mode: str, clients: Any) -> None:
    client, async_client, transport = clients("perplexity", "text")
    model = create_perplexity(api_key="pplx-test", http_client=client, async_http_client=async_client)("sonar-pro")
    options = CallOptions(
        prompt=[ASK],
        tools=[FunctionTool(name="get_weather", input_schema={"type": "object"})],
        provider_options={
            "perplexity": {
                "return_images": True,
                "search_recency_filter": "day",
                "search_domain_filter": ["example.org"],
            }
        },
    )
    result = await generate(mode, model, options)
    assert transport.last_request.json == {
        "model": "sonar-pro",
        "messages": [{"role": "user", "content": "What is the weather in Paris?"}],
        "return_images": True,
        "search_recency_filter": "day",
        "search_domain_filter": ["example.org"],
    }
    assert [warning.feature for warning in result.warnings] == ["tools"]


# --- xAI ------------------------------------------------------------------------------------------------------


async def test_xai_reasoning_and_citations(mode: str, clients: Any) -> None:
    client, async_client, transport = clients("xai", "reasoning-citations", "stream-reasoning-citations")
    model = create_xai(api_key="xai-test", http_client=client, async_http_client=async_client)("grok-3-mini")
    search = {"mode": "auto", "return_citations": True, "max_search_results": 5}
    options = CallOptions(prompt=[ASK], provider_options={"xai": {"search_parameters": search}})
    result = await generate(mode, model, options)
    assert transport.last_request.json["search_parameters"] == search
    assert [part.type for part in result.content] == ["reasoning", "text", "source", "source"]
    assert result.content[2].url == "https://weather.example.org/paris"
    assert result.usage.output_tokens.reasoning == 30
    parts = await stream(mode, model, CallOptions(prompt=[ASK]))
    reasoning = "".join(part.delta for part in parts if isinstance(part, ReasoningDelta))
    assert reasoning == "Checking sources."
    assert [part.url for part in parts if isinstance(part, SourceContent)] == ["https://weather.example.org/paris"]
    assert isinstance(parts[-1], Finish)


def test_xai_rejects_bad_search_mode() -> None:
    model = create_xai(api_key="xai-test")("grok-3")
    options = CallOptions(prompt=[ASK], provider_options={"xai": {"search_parameters": {"mode": "always"}}})
    with pytest.raises(InvalidArgumentError, match="search_parameters"):
        model.build_body(options, stream=False)


# --- Groq -------------------------------------------------------------------------------------------------------


def test_groq_options_become_body_fields() -> None:
    model = create_groq(api_key="gsk-test")("openai/gpt-oss-20b")
    options = CallOptions(
        prompt=[ASK],
        reasoning="low",
        provider_options={"groq": {"reasoning_format": "hidden", "parallel_tool_calls": False, "service_tier": "flex"}},
    )
    body, warnings = model.build_body(options, stream=False)
    assert body == {
        "model": "openai/gpt-oss-20b",
        "messages": [{"role": "user", "content": "What is the weather in Paris?"}],
        "reasoning_effort": "low",
        "reasoning_format": "hidden",
        "parallel_tool_calls": False,
        "service_tier": "flex",
    }
    assert warnings == []
    with pytest.raises(InvalidArgumentError, match="reasoning_format"):
        model.build_body(CallOptions(prompt=[ASK], provider_options={"groq": {"reasoning_format": "x"}}), stream=False)
