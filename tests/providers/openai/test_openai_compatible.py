"""The OpenAI-compatible provider: query params, headers, key handling and vendor hooks (sync and async)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeAlias

import httpx
import pytest

from ai_sdk_core.providers.openai_compatible import (
    ChatRequestContext,
    OpenAICompatibleProvider,
    create_openai_compatible,
)
from ai_sdk_core.spec import (
    APICallError,
    CallOptions,
    CallWarning,
    EmbeddingCallOptions,
    Finish,
    FinishReason,
    InputTokens,
    InvalidArgumentError,
    LoadAPIKeyError,
    OutputTokens,
    Prompt,
    ProviderMetadata,
    ReasoningContent,
    ReasoningDelta,
    ReasoningEnd,
    ReasoningStart,
    ResponseFormat,
    TextContent,
    TextDelta,
    TextEnd,
    TextPart,
    TextStart,
    UserMessage,
)
from ai_sdk_core.testing.replay import ReplayTransport

from .conftest import FIXTURES, Driver

pytestmark = pytest.mark.anyio

HELLO: Prompt = [UserMessage([TextPart("Hello")])]


class GatewayCost:
    """A vendor quirk: the gateway reports a ``cost`` field that belongs in provider metadata."""

    def extract_metadata(self, body: Any) -> ProviderMetadata | None:
        return {"acme": {"cost": body.get("cost", 0.0)}}

    def create_stream_extractor(self) -> GatewayCostStream:
        return GatewayCostStream()


class GatewayCostStream:
    def __init__(self) -> None:
        self.chunks = 0

    def process_chunk(self, chunk: Any) -> None:
        self.chunks += 1

    def build_metadata(self) -> ProviderMetadata | None:
        return {"acme": {"chunks_seen": self.chunks}}


def rename_max_tokens(body: dict[str, Any], context: ChatRequestContext) -> dict[str, Any]:
    """A vendor that wants ``max_new_tokens`` and has no ``seed``."""
    body["max_new_tokens"] = body.pop("max_tokens", None)
    if body.pop("seed", None) is not None:
        context.warnings.append(CallWarning(type="unsupported", feature="seed"))
    return body


Acme: TypeAlias = tuple[OpenAICompatibleProvider, ReplayTransport]


@pytest.fixture(params=["compat-text"])
def acme(request: pytest.FixtureRequest) -> Iterator[Acme]:
    """An "acme" provider with every hook set, served the fixture named by the test's ``acme`` parameter."""
    transport = ReplayTransport.from_fixtures(FIXTURES, request.param)
    with httpx.Client(transport=transport) as client:
        provider = create_openai_compatible(
            name="acme",
            base_url="https://llm.acme.test/v1/",
            api_key_env_var="ACME_API_KEY",
            headers={"X-Acme-Region": "eu"},
            query_params={"api-version": "2026-01-01"},
            transform_request_body=rename_max_tokens,
            metadata_extractor=GatewayCost(),
            http_client=client,
            async_http_client=httpx.AsyncClient(transport=transport),
        )
        yield provider, transport


async def test_generate_with_query_params_headers_and_hooks(
    io: Driver, acme: Acme, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider, transport = acme
    monkeypatch.setenv("ACME_API_KEY", "acme-key-123")
    model = provider("llama-3.1-8b-instant")
    assert model.provider == "acme.chat"
    result = await io.generate(
        model,
        CallOptions(
            prompt=HELLO,
            max_output_tokens=64,
            seed=3,
            headers={"X-Acme-Region": None, "X-Request": "r1"},
            provider_options={"acme": {"user": "u-1", "reasoning_effort": "low"}},
        ),
    )
    request = transport.last_request
    assert request.url == "https://llm.acme.test/v1/chat/completions?api-version=2026-01-01"
    assert request.json == {
        "model": "llama-3.1-8b-instant",
        "messages": [{"role": "user", "content": "Hello"}],
        "max_new_tokens": 64,
        "user": "u-1",
        "reasoning_effort": "low",
    }
    assert request.headers["authorization"] == "Bearer acme-key-123"
    assert request.headers["x-request"] == "r1"
    assert "x-acme-region" not in request.headers  # a per-call None removes a provider header
    assert result.warnings == (CallWarning(type="unsupported", feature="seed"),)
    assert result.content == [ReasoningContent(text="French greeting."), TextContent(text="Bonjour.")]
    assert result.provider_metadata == {"acme": {"cost": 0.0}}
    assert result.usage.input_tokens == InputTokens(total=14, no_cache=14, cache_read=0)


@pytest.mark.parametrize("acme", ["compat-stream-reasoning"], indirect=True)
async def test_stream_with_reasoning_content_and_no_usage_option(
    io: Driver, acme: Acme, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider, transport = acme
    monkeypatch.setenv("ACME_API_KEY", "acme-key-123")
    parts = await io.stream(provider.chat_model("deepseek-reasoner"), CallOptions(prompt=HELLO))
    assert transport.last_request.json == {
        "model": "deepseek-reasoner",
        "messages": [{"role": "user", "content": "Hello"}],
        "stream": True,  # no stream_options: include_usage is off for this provider
    }
    assert parts[2:] == [
        ReasoningStart(id="reasoning-0"),
        ReasoningDelta(id="reasoning-0", delta="Two plus two "),
        ReasoningDelta(id="reasoning-0", delta="is four."),
        ReasoningEnd(id="reasoning-0"),
        TextStart(id="txt-0"),
        TextDelta(id="txt-0", delta="4"),
        TextEnd(id="txt-0"),
        Finish(
            usage=parts[-1].usage,  # type: ignore[union-attr]
            finish_reason=FinishReason(unified="stop", raw="stop"),
            provider_metadata={"acme": {"chunks_seen": 5}},
        ),
    ]
    finish = parts[-1]
    assert isinstance(finish, Finish)
    assert finish.usage.output_tokens == OutputTokens(total=9, text=1, reasoning=8)


async def test_missing_vendor_key_names_the_variable(io: Driver, acme: Acme) -> None:
    provider, transport = acme
    with pytest.raises(LoadAPIKeyError) as raised:
        await io.generate(provider("m"), CallOptions(prompt=HELLO))
    assert "ACME_API_KEY" in str(raised.value)
    assert transport.requests == []


async def test_keyless_local_server_options_and_warnings(io: Driver) -> None:
    transport = ReplayTransport.from_fixtures(FIXTURES, "compat-text", "compat-error-string")
    async_client = httpx.AsyncClient(transport=transport)
    with httpx.Client(transport=transport) as client:
        local = create_openai_compatible(
            name="local-llm", base_url="http://127.0.0.1:8080/v1", http_client=client, async_http_client=async_client
        )
        model = local.language_model("qwen2.5")
        with pytest.raises(InvalidArgumentError):
            await io.generate(model, CallOptions(prompt=HELLO, provider_options={"local-llm": {"logprobs": True}}))
        result = await io.generate(
            model,
            CallOptions(prompt=HELLO, response_format=ResponseFormat(type="json", schema={"type": "object"})),
        )
        request = transport.last_request
        assert "authorization" not in request.headers
        assert request.url == "http://127.0.0.1:8080/v1/chat/completions"
        assert request.json["response_format"] == {"type": "json_object"}
        # The schema cannot go in response_format, so it goes first in the prompt.
        assert request.json["messages"][0] == {
            "role": "system",
            "content": 'Return JSON that conforms to the following schema: {"type":"object"}',
        }
        assert request.json["messages"][1]["role"] == "user"
        assert result.warnings == (
            CallWarning(
                type="compatibility",
                feature="response_format",
                details="this model takes no JSON schema: JSON mode is used and the schema is sent in the prompt",
            ),
        )
        assert result.provider_metadata == {"local-llm": {}}
        with pytest.raises(APICallError) as raised:
            await io.generate(model, CallOptions(prompt=HELLO))
        assert raised.value.message == "model 'nope' not found"
        assert raised.value.status_code == 404
    await async_client.aclose()


async def test_embeddings_carry_query_params(io: Driver) -> None:
    transport = ReplayTransport.from_fixtures(FIXTURES, "embeddings")
    async with httpx.AsyncClient(transport=transport) as async_client:
        with httpx.Client(transport=transport) as client:
            provider = create_openai_compatible(
                name="acme",
                base_url="https://llm.acme.test/v1",
                api_key="acme-key",
                query_params={"api-version": "2026-01-01"},
                http_client=client,
                async_http_client=async_client,
            )
            result = await io.embed(
                provider.embedding_model("e5"),
                EmbeddingCallOptions(values=["a", "b"], provider_options={"acme": {"dimensions": 3}}),
            )
    assert transport.last_request.url == "https://llm.acme.test/v1/embeddings?api-version=2026-01-01"
    assert transport.last_request.json == {
        "model": "e5",
        "input": ["a", "b"],
        "encoding_format": "float",
        "dimensions": 3,
    }
    assert len(result.embeddings) == 2


def test_repr_hides_the_key_and_the_provider_is_a_context_manager() -> None:
    with create_openai_compatible(name="acme", base_url="https://llm.acme.test/v1", api_key="acme-secret") as provider:
        assert "acme-secret" not in repr(provider)
        assert repr(provider) == "OpenAICompatibleProvider(name='acme', base_url='https://llm.acme.test/v1')"
        assert provider.text_embedding_model("e5").provider == "acme.embedding"


async def test_async_context_manager_closes_its_own_clients() -> None:
    async with create_openai_compatible(name="acme", base_url="https://llm.acme.test/v1") as provider:
        assert provider("m").model_id == "m"
