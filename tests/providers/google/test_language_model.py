"""The Gemini model class over replayed wire data, sync and async: the exact request sent and the parts decoded."""

from __future__ import annotations

from typing import Any

import pytest

from ai_sdk_core.providers.google import GoogleGenerativeAILanguageModel
from ai_sdk_core.spec import (
    CallOptions,
    FileContent,
    Finish,
    FunctionTool,
    InvalidArgumentError,
    Raw,
    ReasoningContent,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    ResponseFormat,
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
    ToolInputDelta,
    ToolInputEnd,
    ToolInputStart,
    ToolResultContent,
    UserMessage,
)

from .conftest import API_KEY, Driver, ReplayFactory

BASE = "https://generativelanguage.googleapis.com/v1beta"
PROMPT = [UserMessage([TextPart("What is the weather in Paris?")])]
USER_TURN = {"role": "user", "parts": [{"text": "What is the weather in Paris?"}]}

pytestmark = pytest.mark.anyio


def _options(**settings: Any) -> CallOptions:
    return CallOptions(prompt=settings.pop("prompt", PROMPT), **settings)


async def test_generate_sends_every_setting_where_gemini_reads_it(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("text")
    options = _options(
        prompt=[SystemMessage("Answer briefly."), *PROMPT],
        max_output_tokens=256,
        temperature=0.3,
        top_p=0.9,
        top_k=40,
        presence_penalty=0.1,
        frequency_penalty=0.2,
        stop_sequences=["END"],
        seed=7,
        tools=[FunctionTool("get_weather", {"type": "object", "properties": {"city": {"type": "string"}}})],
        tool_choice=ToolChoice("tool", "get_weather"),
        headers={"x-trace": "t-1"},
        provider_options={
            "google": {
                "thinkingConfig": {"thinkingBudget": 1024, "includeThoughts": True},
                "safetySettings": [{"category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "BLOCK_ONLY_HIGH"}],
                "cachedContent": "cachedContents/abc",
                "responseModalities": ["TEXT"],
                "mediaResolution": "MEDIA_RESOLUTION_LOW",
            }
        },
    )
    result = await io.generate(provider("gemini-2.5-flash"), options)

    request = transport.last_request
    assert request.url == f"{BASE}/models/gemini-2.5-flash:generateContent"
    assert request.headers["x-goog-api-key"] == API_KEY
    assert request.headers["x-trace"] == "t-1"
    assert API_KEY not in request.url
    assert request.json == {
        "generationConfig": {
            "maxOutputTokens": 256,
            "temperature": 0.3,
            "topK": 40,
            "topP": 0.9,
            "frequencyPenalty": 0.2,
            "presencePenalty": 0.1,
            "stopSequences": ["END"],
            "seed": 7,
            "responseModalities": ["TEXT"],
            "thinkingConfig": {"thinkingBudget": 1024, "includeThoughts": True},
            "mediaResolution": "MEDIA_RESOLUTION_LOW",
        },
        "contents": [USER_TURN],
        "systemInstruction": {"parts": [{"text": "Answer briefly."}]},
        "safetySettings": [{"category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "BLOCK_ONLY_HIGH"}],
        "tools": [
            {
                "functionDeclarations": [
                    {
                        "name": "get_weather",
                        "description": "",
                        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
                    }
                ]
            }
        ],
        "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}},
        "cachedContent": "cachedContents/abc",
    }
    assert result.request.body == request.json
    assert result.content == [TextContent("It is sunny in Paris today.")]
    assert (result.response.id, result.response.model_id) == ("resp-text-1", "gemini-2.5-flash")
    assert result.response.headers["x-goog-request-id"] == "req-text-1"
    assert result.provider_metadata is not None
    metadata = result.provider_metadata["google"]
    assert metadata["safetyRatings"][0] == {"category": "HARM_CATEGORY_HATE_SPEECH", "probability": "NEGLIGIBLE"}
    assert metadata["usageMetadata"]["totalTokenCount"] == 15
    assert metadata["groundingMetadata"] is None and metadata["promptFeedback"] is None


async def test_stream_decodes_text_blocks_usage_and_metadata(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("stream-text", fragment_size=37)
    parts = await io.stream(provider("gemini-2.5-flash"), _options())
    assert transport.last_request.url == f"{BASE}/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
    assert transport.last_request.json == {"contents": [USER_TURN]}
    *body, finish = parts
    assert body == [
        StreamStart(warnings=()),
        ResponseMetadata(id="resp-stream-1", model_id="gemini-2.5-flash"),
        TextStart(id="0"),
        TextDelta(id="0", delta="It is sunny"),
        TextDelta(id="0", delta=" in Paris, "),
        TextDelta(id="0", delta="22 °C."),
        TextEnd(id="0"),
    ]
    assert isinstance(finish, Finish)
    assert (finish.finish_reason.unified, finish.finish_reason.raw) == ("stop", "STOP")
    assert (finish.usage.input_tokens.total, finish.usage.output_tokens.total) == (8, 9)
    assert finish.provider_metadata is not None
    assert finish.provider_metadata["google"]["safetyRatings"][0]["category"] == "HARM_CATEGORY_HARASSMENT"


async def test_thought_parts_are_reasoning_with_their_signatures(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("reasoning")
    result = await io.generate(provider("gemini-2.5-pro"), _options())
    assert result.content == [
        ReasoningContent("**Weighing the question**\n\nParis in spring is mild; I should hedge."),
        TextContent(
            "Probably mild, around 15 °C.",
            provider_metadata={"google": {"thoughtSignature": "c2lnbmF0dXJlLXJlYXNvbmluZy10ZXh0"}},
        ),
    ]
    usage = result.usage
    assert (usage.input_tokens.total, usage.input_tokens.cache_read, usage.input_tokens.no_cache) == (10, 4, 6)
    assert (usage.output_tokens.total, usage.output_tokens.text, usage.output_tokens.reasoning) == (129, 9, 120)


async def test_streamed_reasoning_then_text_and_a_signature_on_an_empty_closing_part(
    io: Driver, replay: ReplayFactory
) -> None:
    provider, _ = replay("stream-reasoning")
    parts = await io.stream(provider("gemini-2.5-pro"), _options())
    signed = {"google": {"thoughtSignature": "c2lnbmF0dXJlLXN0cmVhbS10ZXh0"}}
    assert parts[1:-1] == [
        ResponseMetadata(id=None, model_id="gemini-2.5-pro"),
        ReasoningStart(id="0"),
        ReasoningDelta(id="0", delta="**Weighing the question**\n\n"),
        ReasoningDelta(id="0", delta="Paris in spring is mild."),
        ReasoningEnd(id="0"),
        TextStart(id="1"),
        TextDelta(id="1", delta="Probably mild."),
        TextEnd(id="1", provider_metadata=signed),
    ]


async def test_streamed_function_calls_arrive_whole(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("stream-tool-call")
    parts = await io.stream(provider("gemini-2.5-flash"), _options())
    signed = {"google": {"thoughtSignature": "c2lnbmF0dXJlLXN0cmVhbS1jYWxs"}}
    assert parts[2:6] == [
        ToolInputStart(id="id-1", tool_name="get_weather", provider_metadata=signed),
        ToolInputDelta(id="id-1", delta='{"city":"Paris"}', provider_metadata=signed),
        ToolInputEnd(id="id-1", provider_metadata=signed),
        ToolCallContent("id-1", "get_weather", '{"city":"Paris"}', provider_metadata=signed),
    ]
    assert parts[9] == ToolCallContent("id-2", "get_weather", '{"city":"Tokyo"}')
    finish = parts[-1]
    assert isinstance(finish, Finish) and finish.finish_reason.unified == "tool-calls"


async def test_grounding_chunks_become_sources_and_metadata(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("grounding")
    result = await io.generate(provider("gemini-2.5-flash"), _options(tools=[provider.tools.google_search()]))
    assert transport.last_request.json["tools"] == [{"googleSearch": {}}]
    redirect = "https://vertexaisearch.cloud.google.com/grounding-api-redirect/"
    assert result.content[1:] == [
        SourceContent("url", "id-1", url=redirect + "aaa", title="uefa.com"),
        SourceContent("url", "id-2", url=redirect + "bbb", title="bbc.co.uk"),
        SourceContent("document", "id-3", title="Final report", media_type="application/pdf", filename="final.pdf"),
    ]
    assert result.provider_metadata is not None
    metadata = result.provider_metadata["google"]
    assert metadata["groundingMetadata"]["webSearchQueries"] == ["who won euro 2024"]
    assert metadata["groundingMetadata"]["groundingSupports"][0]["groundingChunkIndices"] == [0, 1]
    assert metadata["urlContextMetadata"]["urlMetadata"][0]["retrievedUrl"] == "https://www.uefa.com/euro2024/"


async def test_streamed_grounding_reports_each_url_once(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("stream-grounding")
    parts = await io.stream(provider("gemini-2.5-flash"), _options())
    sources = [part for part in parts if isinstance(part, SourceContent)]
    assert [source.url for source in sources] == ["https://example.org/a", "https://example.org/b"]
    finish = parts[-1]
    assert isinstance(finish, Finish) and finish.provider_metadata is not None
    assert finish.provider_metadata["google"]["groundingMetadata"]["webSearchQueries"] == ["euro 2024"]


async def test_a_blocked_prompt_is_a_content_filter_finish(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("prompt-blocked")
    result = await io.generate(provider("gemini-2.5-flash"), _options())
    assert result.content == []
    assert (result.finish_reason.unified, result.finish_reason.raw) == ("content-filter", "SAFETY")
    assert result.provider_metadata is not None
    assert result.provider_metadata["google"]["promptFeedback"]["blockReason"] == "SAFETY"


async def test_code_execution_is_a_provider_executed_call_and_result(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("code-execution")
    result = await io.generate(provider("gemini-2.5-flash"), _options(tools=[provider.tools.code_execution()]))
    assert transport.last_request.json["tools"] == [{"codeExecution": {}}]
    assert result.content == [
        ToolCallContent(
            "id-1", "code_execution", '{"language":"PYTHON","code":"print(sum(range(101)))"}', provider_executed=True
        ),
        ToolResultContent("id-1", "code_execution", {"outcome": "OUTCOME_OK", "output": "5050\n"}),
        TextContent("The sum is 5050."),
    ]
    assert result.finish_reason.unified == "stop"  # the provider ran the tool: nothing for the caller to run


async def test_a_safety_stop_mid_stream_and_a_bad_chunk(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("stream-safety")
    parts = await io.stream(provider("gemini-2.5-flash"), _options(include_raw_chunks=True))
    raws = [part for part in parts if isinstance(part, Raw)]
    assert len(raws) == 3 and raws[2].raw_value == "{not json"
    [error] = [part for part in parts if isinstance(part, StreamError)]
    assert "not a JSON object" in str(error.error)
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert (finish.finish_reason.unified, finish.finish_reason.raw) == ("content-filter", "SAFETY")
    assert finish.provider_metadata is not None
    assert finish.provider_metadata["google"]["safetyRatings"][0]["blocked"] is True


async def test_structured_output_sends_the_converted_schema(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("structured-output", "structured-output")
    schema = {"type": "object", "properties": {"name": {"type": "string"}}, "additionalProperties": False}
    model = provider("gemini-2.5-flash")
    await io.generate(model, _options(response_format=ResponseFormat(type="json", schema=schema)))
    assert transport.requests[0].json["generationConfig"] == {
        "responseMimeType": "application/json",
        "responseSchema": {"type": "object", "properties": {"name": {"type": "string"}}},
    }
    # structuredOutputs=False: JSON mode only, for schemas the OpenAPI subset cannot express.
    await io.generate(
        model,
        _options(
            response_format=ResponseFormat(type="json", schema=schema),
            provider_options={"google": {"structuredOutputs": False}},
        ),
    )
    assert transport.requests[1].json["generationConfig"] == {"responseMimeType": "application/json"}


@pytest.mark.parametrize(
    ("model_id", "reasoning", "expected"),
    [
        ("gemini-2.5-flash", "none", {"thinkingBudget": 0}),
        ("gemini-2.5-flash", "high", {"thinkingBudget": 24576}),
        ("gemini-3-pro-preview", "low", {"thinkingLevel": "low"}),
    ],
)
def test_neutral_reasoning_effort_becomes_a_thinking_config(
    replay: ReplayFactory, model_id: str, reasoning: str, expected: dict[str, Any]
) -> None:
    provider, _ = replay()
    body, _warnings = provider(model_id).build_body(_options(reasoning=reasoning))
    assert body["generationConfig"] == {"thinkingConfig": expected}
    # Explicit provider options win over the neutral setting.
    explicit = {"google": {"thinkingConfig": {"thinkingLevel": "high", "includeThoughts": True}}}
    body, _warnings = provider(model_id).build_body(_options(reasoning=reasoning, provider_options=explicit))
    assert body["generationConfig"] == {"thinkingConfig": {"thinkingLevel": "high", "includeThoughts": True}}


def test_misspelt_provider_options_fail_before_any_request(replay: ReplayFactory) -> None:
    provider, transport = replay()
    with pytest.raises(InvalidArgumentError, match="thinkingConfg"):
        provider("gemini-2.5-flash").do_generate(_options(provider_options={"google": {"thinkingConfg": {}}}))
    assert transport.requests == []


def test_model_paths_and_files_the_api_fetches_itself(replay: ReplayFactory) -> None:
    provider, _ = replay(base_url="https://proxy.test/v1beta/")
    model = provider("tunedModels/my-model")
    assert isinstance(model, GoogleGenerativeAILanguageModel)
    assert model.build_request(_options(), stream=False).request.url == (
        "https://proxy.test/v1beta/tunedModels/my-model:generateContent"
    )
    [patterns] = model.supported_urls.values()

    def supported(url: str) -> bool:
        return any(pattern.match(url) for pattern in patterns)

    assert supported("https://proxy.test/v1beta/files/abc")
    assert supported("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert supported("https://youtu.be/dQw4w9WgXcQ")
    assert not supported("https://example.com/cat.png")


async def test_inline_images_in_answers_are_files(io: Driver, replay: ReplayFactory) -> None:
    from ai_sdk_core.testing.replay import ReplayResponse

    provider, transport = replay()
    transport.add(
        ReplayResponse.json_body(
            {
                "candidates": [
                    {
                        "content": {"parts": [{"inlineData": {"mimeType": "image/png", "data": "iVBORw=="}}]},
                        "finishReason": "STOP",
                    }
                ]
            }
        )
    )
    result = await io.generate(provider("gemini-2.5-flash-image"), _options())
    assert result.content == [FileContent(media_type="image/png", data="iVBORw==")]


async def test_structured_output_with_tools_goes_through_a_json_tool(io: Driver, replay: ReplayFactory) -> None:
    from ai_sdk_core.testing.replay import ReplayResponse

    provider, transport = replay()
    call = {"functionCall": {"name": "json", "args": {"city": "Paris", "celsius": 21}}}
    transport.add(
        ReplayResponse.json_body(
            {"candidates": [{"content": {"parts": [{"text": "ignored"}, call]}, "finishReason": "STOP"}]}
        )
    )
    transport.add(
        ReplayResponse.sse(
            [{"candidates": [{"content": {"parts": [call]}, "finishReason": "STOP"}]}],
            done=False,
        )
    )
    schema = {"type": "object", "properties": {"city": {"type": "string"}, "celsius": {"type": "integer"}}}
    options = _options(
        response_format=ResponseFormat(type="json", schema=schema),
        tools=[FunctionTool("lookup", {"type": "object", "properties": {"q": {"type": "string"}}})],
    )
    model = provider("gemini-2.5-flash")
    result = await io.generate(model, options)
    body = transport.requests[0].json
    assert "generationConfig" not in body  # no JSON mode: Gemini refuses it together with function calling
    assert body["toolConfig"] == {"functionCallingConfig": {"mode": "ANY"}}
    assert body["tools"][0]["functionDeclarations"][1] == {
        "name": "json",
        "description": "Respond with a JSON object.",
        "parameters": schema,
    }
    assert result.content == [TextContent('{"city":"Paris","celsius":21}')]
    assert result.finish_reason.unified == "stop"
    parts = await io.stream(model, options)
    deltas = [part.delta for part in parts if isinstance(part, TextDelta)]
    assert deltas == ['{"city":"Paris","celsius":21}']
    assert not any(isinstance(part, ToolCallContent) for part in parts)


@pytest.mark.parametrize(
    ("model_id", "reasoning", "expected"),
    [
        ("gemini-3-pro-preview", "medium", {"thinkingLevel": "high"}),
        ("gemini-3-pro-preview", "none", {"thinkingLevel": "low"}),
        ("gemini-2.5-pro", "none", {"thinkingBudget": 128}),
        ("gemini-2.5-pro", "xhigh", {"thinkingBudget": 32768}),
        ("gemini-2.5-flash", "xhigh", {"thinkingBudget": 24576}),
        ("gemini-2.5-flash-lite", "xhigh", {"thinkingBudget": 24576}),
    ],
)
def test_neutral_reasoning_is_clamped_to_what_the_model_family_accepts(
    replay: ReplayFactory, model_id: str, reasoning: str, expected: dict[str, Any]
) -> None:
    provider, _ = replay()
    body, warnings = provider(model_id).build_body(_options(reasoning=reasoning))
    assert body["generationConfig"] == {"thinkingConfig": expected}
    changed = expected != {"thinkingBudget": 32768}
    assert [warning.feature for warning in warnings] == (["reasoning"] if changed else [])


def test_neutral_reasoning_is_dropped_with_a_warning_for_models_that_do_not_think(replay: ReplayFactory) -> None:
    provider, _ = replay()
    body, warnings = provider("gemini-2.0-flash").build_body(_options(reasoning="high"))
    assert "generationConfig" not in body
    assert [(warning.type, warning.feature) for warning in warnings] == [("unsupported", "reasoning")]


_SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}}}


def test_structured_output_with_tool_choice_none_sends_only_the_json_tool(replay: ReplayFactory) -> None:
    provider, _ = replay()
    options = _options(
        response_format=ResponseFormat(type="json", schema=_SCHEMA),
        tools=[FunctionTool("lookup", {"type": "object"})],
        tool_choice=ToolChoice("none"),
    )
    body, warnings = provider("gemini-2.5-flash").build_body(options)
    assert [tool["name"] for tool in body["tools"][0]["functionDeclarations"]] == ["json"]
    assert body["toolConfig"] == {"functionCallingConfig": {"mode": "ANY"}}
    assert [warning.feature for warning in warnings] == ["tool_choice"]


def test_structured_output_overriding_a_named_tool_choice_warns(replay: ReplayFactory) -> None:
    provider, _ = replay()
    options = _options(
        response_format=ResponseFormat(type="json", schema=_SCHEMA),
        tools=[FunctionTool("lookup", {"type": "object"})],
        tool_choice=ToolChoice("tool", "lookup"),
    )
    body, warnings = provider("gemini-2.5-flash").build_body(options)
    assert body["toolConfig"] == {"functionCallingConfig": {"mode": "ANY"}}
    assert [warning.feature for warning in warnings] == ["tool_choice"]


async def test_the_structured_output_tool_does_not_clash_with_a_user_tool_named_json(
    io: Driver, replay: ReplayFactory
) -> None:
    from ai_sdk_core.testing.replay import ReplayResponse

    provider, transport = replay()
    user_call = {"functionCall": {"name": "json", "args": {"q": "x"}}}
    answer = {"functionCall": {"name": "json_response", "args": {"city": "Paris"}}}
    transport.add(ReplayResponse.json_body({"candidates": [{"content": {"parts": [user_call, answer]}}]}))
    options = _options(
        response_format=ResponseFormat(type="json", schema=_SCHEMA),
        tools=[FunctionTool("json", {"type": "object", "properties": {"q": {"type": "string"}}})],
    )
    result = await io.generate(provider("gemini-2.5-flash"), options)
    declarations = transport.requests[0].json["tools"][0]["functionDeclarations"]
    assert [declaration["name"] for declaration in declarations] == ["json", "json_response"]
    assert isinstance(result.content[0], ToolCallContent) and result.content[0].tool_name == "json"
    assert result.content[1] == TextContent('{"city":"Paris"}')
