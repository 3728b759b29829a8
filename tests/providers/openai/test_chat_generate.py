"""OpenAI Chat Completions, non-streaming: the exact request sent and the result decoded (sync and async)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ai_sdk_core.providers.openai import create_openai
from ai_sdk_core.providers.openai_compatible import create_openai_compatible
from ai_sdk_core.spec import (
    CallOptions,
    CallWarning,
    EmbeddingModel,
    FinishReason,
    FunctionTool,
    InputTokens,
    InvalidArgumentError,
    LanguageModel,
    OutputTokens,
    Prompt,
    Provider,
    ProviderTool,
    ResponseFormat,
    SystemMessage,
    TextContent,
    TextPart,
    ToolCallContent,
    ToolChoice,
    UserMessage,
)

from .conftest import API_KEY, Driver, ReplayFactory

pytestmark = pytest.mark.anyio

HELLO: Prompt = [UserMessage([TextPart("Hello")])]
WEATHER = FunctionTool(
    name="get_weather",
    description="Current weather in a city",
    input_schema={
        "type": "object",
        "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
        "required": ["city"],
        "additionalProperties": False,
    },
)


async def test_text_request_and_result(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-text", organization="org-42", project="proj_7", headers={"X-Team": "core"})
    result = await io.generate(
        provider.chat("gpt-4o-mini"),
        CallOptions(
            prompt=[SystemMessage("You are terse."), *HELLO],
            max_output_tokens=100,
            temperature=0.5,
            top_p=0.9,
            frequency_penalty=0.1,
            presence_penalty=0.2,
            stop_sequences=["\n\n"],
            seed=7,
            headers={"X-Call": "1"},
            provider_options={"openai": {"user": "user-1", "store": True, "metadata": {"topic": "greeting"}}},
        ),
    )
    request = transport.last_request
    assert request.method == "POST"
    assert request.url == "https://api.openai.com/v1/chat/completions"
    assert request.json == {
        "model": "gpt-4o-mini",
        "messages": [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Hello"}],
        "max_tokens": 100,
        "temperature": 0.5,
        "top_p": 0.9,
        "frequency_penalty": 0.1,
        "presence_penalty": 0.2,
        "stop": ["\n\n"],
        "seed": 7,
        "user": "user-1",
        "store": True,
        "metadata": {"topic": "greeting"},
    }
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["openai-organization"] == "org-42"
    assert request.headers["openai-project"] == "proj_7"
    assert request.headers["x-team"] == "core"
    assert request.headers["x-call"] == "1"

    assert result.content == [TextContent(text="Hello! How can I help you today?")]
    assert result.finish_reason == FinishReason(unified="stop", raw="stop")
    assert result.usage.input_tokens == InputTokens(total=19, no_cache=19, cache_read=0)
    assert result.usage.output_tokens == OutputTokens(total=10, text=10, reasoning=0)
    assert result.usage.raw is not None and result.usage.raw["total_tokens"] == 29
    assert result.response.id == "chatcmpl-text01"
    assert result.response.model_id == "gpt-4o-mini-2024-07-18"
    assert result.response.timestamp == datetime.fromtimestamp(1764100000, tz=UTC)
    assert result.response.headers["x-request-id"] == "req_chat_text"
    assert result.request.body == request.json
    assert result.warnings == ()
    assert result.provider_metadata == {"openai": {"accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}


async def test_tool_call(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-tool-call")
    result = await io.generate(
        provider.chat("gpt-4o"),
        CallOptions(prompt=HELLO, tools=[WEATHER], tool_choice=ToolChoice("tool", tool_name="get_weather")),
    )
    assert transport.last_request.json == {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "Hello"}],
        "tools": [
            {
                "type": "function",
                "function": {
                    "name": "get_weather",
                    "description": "Current weather in a city",
                    "parameters": WEATHER.input_schema,
                },
            }
        ],
        "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
    }
    assert result.content == [
        ToolCallContent(tool_call_id="call_wX3kP9", tool_name="get_weather", input='{"city":"Paris","unit":"celsius"}')
    ]
    assert result.finish_reason == FinishReason(unified="tool-calls", raw="tool_calls")


async def test_parallel_tool_calls_keep_their_order(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-parallel-tool-calls")
    result = await io.generate(
        provider.chat("gpt-4o"),
        CallOptions(
            prompt=HELLO,
            tools=[WEATHER, ProviderTool(id="openai.web_search", name="web_search")],
            tool_choice=ToolChoice("required"),
            top_k=40,
            provider_options={"openai": {"parallel_tool_calls": True}},
        ),
    )
    body = transport.last_request.json
    assert body["parallel_tool_calls"] is True
    assert body["tool_choice"] == "required"
    assert [tool["function"]["name"] for tool in body["tools"]] == ["get_weather"]
    assert "top_k" not in body
    assert result.content == [
        ToolCallContent(tool_call_id="call_paris", tool_name="get_weather", input='{"city":"Paris"}'),
        ToolCallContent(tool_call_id="call_tokyo", tool_name="get_weather", input='{"city":"Tokyo"}'),
    ]
    assert result.warnings == (
        CallWarning(type="unsupported", feature="top_k"),
        CallWarning(
            type="unsupported",
            feature="provider-defined tool openai.web_search",
            details="Chat Completions only accepts function tools.",
        ),
    )


PERSON_SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "born": {"type": "integer"}},
    "required": ["name", "born"],
    "additionalProperties": False,
}


async def test_json_schema_output(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-json-schema")
    result = await io.generate(
        provider.chat("gpt-4o"),
        CallOptions(
            prompt=HELLO,
            response_format=ResponseFormat(type="json", schema=PERSON_SCHEMA, name="person", description="A person"),
        ),
    )
    assert transport.last_request.json == {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "Hello"}],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"schema": PERSON_SCHEMA, "strict": True, "name": "person", "description": "A person"},
        },
    }
    assert result.content == [TextContent(text='{"name":"Ada Lovelace","born":1815}')]
    assert result.warnings == ()


async def test_json_schema_without_structured_outputs_falls_back_to_json_object(
    io: Driver, replay: ReplayFactory
) -> None:
    provider, transport = replay("chat-json-schema")
    result = await io.generate(
        provider.chat("gpt-4o"),
        CallOptions(
            prompt=HELLO,
            response_format=ResponseFormat(type="json", schema=PERSON_SCHEMA),
            provider_options={"openai": {"structured_outputs": False}},
        ),
    )
    assert transport.last_request.json["response_format"] == {"type": "json_object"}
    assert result.warnings == (
        CallWarning(
            type="unsupported",
            feature="response_format",
            details="JSON response format schema is only supported with structured outputs",
        ),
    )


async def test_non_strict_json_schema_and_plain_json(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-json-schema", "chat-json-schema")
    model = provider.chat("gpt-4o")
    await io.generate(
        model,
        CallOptions(
            prompt=HELLO,
            response_format=ResponseFormat(type="json", schema=PERSON_SCHEMA),
            provider_options={"openai": {"strict_json_schema": False}},
        ),
    )
    assert transport.requests[0].json["response_format"] == {
        "type": "json_schema",
        "json_schema": {"schema": PERSON_SCHEMA, "strict": False, "name": "response"},
    }
    await io.generate(model, CallOptions(prompt=HELLO, response_format=ResponseFormat(type="json")))
    assert transport.requests[1].json["response_format"] == {"type": "json_object"}


async def test_content_filter_finish(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-content-filter")
    result = await io.generate(provider.chat("gpt-4o-mini"), CallOptions(prompt=HELLO))
    assert transport.last_request.json == {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}
    assert result.finish_reason == FinishReason(unified="content-filter", raw="content_filter")
    assert result.content == [TextContent(text="I can share some general")]


async def test_refusal_is_kept_in_provider_metadata_not_as_text(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-refusal")
    result = await io.generate(
        provider.chat("gpt-4o"),
        CallOptions(prompt=HELLO, response_format=ResponseFormat(type="json", schema=PERSON_SCHEMA)),
    )
    assert transport.last_request.json["response_format"]["type"] == "json_schema"
    # As in the AI SDK, a refusal is not answer text (a JSON parser would choke on it); unlike it, it is not lost.
    assert result.content == []
    assert result.finish_reason == FinishReason(unified="stop", raw="stop")
    assert result.provider_metadata is not None
    assert result.provider_metadata["openai"]["refusal"] == "I'm sorry, I can't help with that request."


async def test_reasoning_model_request(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-reasoning")
    result = await io.generate(
        provider.chat("o3-mini"),
        CallOptions(
            prompt=[SystemMessage("Think step by step."), *HELLO],
            max_output_tokens=2000,
            temperature=0.7,
            top_p=0.5,
            presence_penalty=0.3,
            reasoning="low",
        ),
    )
    assert transport.last_request.json == {
        "model": "o3-mini",
        "messages": [{"role": "developer", "content": "Think step by step."}, {"role": "user", "content": "Hello"}],
        "max_completion_tokens": 2000,
        "reasoning_effort": "low",
    }
    assert result.warnings == (
        CallWarning(
            type="unsupported", feature="temperature", details="temperature is not supported for reasoning models"
        ),
        CallWarning(type="unsupported", feature="top_p", details="top_p is not supported for reasoning models"),
        CallWarning(
            type="unsupported",
            feature="presence_penalty",
            details="presence_penalty is not supported for reasoning models",
        ),
    )
    assert result.usage.input_tokens == InputTokens(total=1200, no_cache=176, cache_read=1024)
    assert result.usage.output_tokens == OutputTokens(total=300, text=44, reasoning=256)
    assert result.content == [TextContent(text="The answer is 42.")]


async def test_reasoning_effort_option_wins_and_none_keeps_sampling_on_gpt_5_1(
    io: Driver, replay: ReplayFactory
) -> None:
    provider, transport = replay("chat-reasoning", "chat-reasoning")
    await io.generate(
        provider.chat("gpt-5"),
        CallOptions(prompt=HELLO, reasoning="low", provider_options={"openai": {"reasoning_effort": "high"}}),
    )
    assert transport.requests[0].json["reasoning_effort"] == "high"
    result = await io.generate(
        provider.chat("gpt-5.1"),
        CallOptions(prompt=HELLO, temperature=0.2, provider_options={"openai": {"reasoning_effort": "none"}}),
    )
    assert transport.requests[1].json == {
        "model": "gpt-5.1",
        "messages": [{"role": "user", "content": "Hello"}],
        "temperature": 0.2,
        "reasoning_effort": "none",
    }
    assert result.warnings == ()


async def test_logprobs(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-logprobs")
    result = await io.generate(
        provider.chat("gpt-4o-mini"), CallOptions(prompt=HELLO, provider_options={"openai": {"logprobs": 2}})
    )
    assert transport.last_request.json == {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": "Hello"}],
        "logprobs": True,
        "top_logprobs": 2,
    }
    assert result.provider_metadata is not None
    logprobs = result.provider_metadata["openai"]["logprobs"]
    assert [entry["token"] for entry in logprobs] == ["Hello", "!"]
    assert logprobs[0]["top_logprobs"][1] == {"token": "Hi", "logprob": -7.2, "bytes": [72, 105]}


async def test_predicted_outputs_and_their_token_counts(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-prediction")
    prediction = {"type": "content", "content": "class User:\n    name: str\n"}
    result = await io.generate(
        provider.chat("gpt-4o"),
        CallOptions(prompt=HELLO, provider_options={"openai": {"prediction": prediction, "service_tier": "priority"}}),
    )
    assert transport.last_request.json == {
        "model": "gpt-4o",
        "messages": [{"role": "user", "content": "Hello"}],
        "prediction": prediction,
        "service_tier": "priority",
    }
    assert result.provider_metadata == {"openai": {"accepted_prediction_tokens": 8, "rejected_prediction_tokens": 2}}


async def test_unknown_provider_option_is_rejected_before_any_request(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-text")
    with pytest.raises(InvalidArgumentError) as raised:
        await io.generate(
            provider.chat("gpt-4o-mini"),
            CallOptions(prompt=HELLO, provider_options={"openai": {"reasoningEffort": "low"}}),
        )
    assert raised.value.argument == "provider_options['openai']"
    assert "reasoningEffort" in str(raised.value)
    assert transport.requests == []


async def test_flex_tier_on_a_model_without_it_is_dropped_with_a_warning(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("chat-text")
    result = await io.generate(
        provider.chat("gpt-4o-mini"), CallOptions(prompt=HELLO, provider_options={"openai": {"service_tier": "flex"}})
    )
    assert "service_tier" not in transport.last_request.json
    assert [warning.feature for warning in result.warnings] == ["service_tier"]


async def test_neutral_reasoning_on_a_model_that_cannot_reason_is_dropped_with_a_warning(
    io: Driver, replay: ReplayFactory
) -> None:
    provider, transport = replay("chat-text", "chat-text")
    result = await io.generate(provider.chat("gpt-4o-mini"), CallOptions(prompt=HELLO, reasoning="high"))
    assert transport.requests[0].json == {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}
    assert result.warnings == (
        CallWarning(
            type="unsupported",
            feature="reasoning",
            details="gpt-4o-mini is not a reasoning model (set force_reasoning if it is one)",
        ),
    )
    # force_reasoning: a fine-tuned reasoning model whose id says nothing about it.
    await io.generate(
        provider.chat("ft:o4-mini:acme::abc123"),
        CallOptions(
            prompt=[SystemMessage("Rules"), *HELLO],
            reasoning="high",
            max_output_tokens=50,
            provider_options={"openai": {"force_reasoning": True}},
        ),
    )
    assert transport.requests[1].json == {
        "model": "ft:o4-mini:acme::abc123",
        "messages": [{"role": "developer", "content": "Rules"}, {"role": "user", "content": "Hello"}],
        "max_completion_tokens": 50,
        "reasoning_effort": "high",
    }


def test_models_and_providers_satisfy_the_spec_protocols() -> None:
    for provider in (create_openai(api_key="k"), create_openai_compatible(name="acme", base_url="http://h/v1")):
        assert isinstance(provider, Provider)
        assert isinstance(provider.language_model("m"), LanguageModel)
        assert isinstance(provider.embedding_model("e"), EmbeddingModel)
        assert provider.language_model("m").specification_version == "v4"
        provider.close()
