"""The provider surface, API keys and errors, and embeddings (replayed, sync and async)."""

from __future__ import annotations

import httpx
import pytest

import ai_sdk_core.providers.google as google_package
from ai_sdk_core.providers.google import (
    GoogleGenerativeAIEmbeddingModel,
    GoogleGenerativeAILanguageModel,
    create_google,
    create_google_generative_ai,
    google,
)
from ai_sdk_core.registry import resolve_embedding_model, resolve_language_model
from ai_sdk_core.spec import (
    APICallError,
    CallOptions,
    EmbeddingCallOptions,
    InvalidArgumentError,
    InvalidResponseDataError,
    LoadAPIKeyError,
    TextPart,
    UserMessage,
)
from ai_sdk_core.testing.replay import ReplayTransport

from .conftest import API_KEY, FIXTURES, Driver, ReplayFactory

BASE = "https://generativelanguage.googleapis.com/v1beta"
OPTIONS = CallOptions(prompt=[UserMessage([TextPart("Hi")])])


def test_public_names_are_pinned() -> None:
    assert google_package.__all__ == sorted(google_package.__all__)
    assert set(google_package.__all__) == {
        "DEFAULT_GOOGLE_BASE_URL",
        "GoogleEmbeddingOptions",
        "GoogleGenerativeAIEmbeddingModel",
        "GoogleGenerativeAILanguageModel",
        "GoogleGenerativeAIProvider",
        "GoogleLanguageModelOptions",
        "GoogleProviderTools",
        "GoogleStreamDecoder",
        "convert_google_usage",
        "convert_json_schema_to_openapi_schema",
        "convert_to_google_messages",
        "create_google",
        "create_google_generative_ai",
        "google",
        "map_google_finish_reason",
        "parse_google_error",
        "prepare_google_tools",
    }
    assert google_package.GoogleLanguageModelOptions.__name__ == "GoogleLanguageModelOptions"


def test_model_factories_and_registry_ids() -> None:
    assert create_google is create_google_generative_ai
    model = google("gemini-2.5-flash")
    assert isinstance(model, GoogleGenerativeAILanguageModel)
    assert (model.provider, model.model_id) == ("google.generative-ai", "gemini-2.5-flash")
    assert isinstance(google.chat("gemini-2.5-flash"), GoogleGenerativeAILanguageModel)
    for factory in (google.embedding, google.text_embedding, google.embedding_model, google.text_embedding_model):
        embedder = factory("gemini-embedding-001")
        assert isinstance(embedder, GoogleGenerativeAIEmbeddingModel)
        assert embedder.max_embeddings_per_call == 2048
    resolved = resolve_language_model("google:gemini-2.5-pro")
    assert isinstance(resolved, GoogleGenerativeAILanguageModel) and resolved.model_id == "gemini-2.5-pro"
    assert isinstance(resolve_embedding_model("google:gemini-embedding-001"), GoogleGenerativeAIEmbeddingModel)


def test_the_key_is_read_at_request_time_and_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    transport = ReplayTransport.from_fixtures(FIXTURES, "text")
    with httpx.Client(transport=transport) as client:
        provider = create_google_generative_ai(http_client=client)  # no key anywhere yet: construction works
        model = provider("gemini-2.5-flash")
        with pytest.raises(LoadAPIKeyError, match="GOOGLE_GENERATIVE_AI_API_KEY") as caught:
            model.do_generate(OPTIONS)
        assert "api_key=" in str(caught.value)
        monkeypatch.setenv("GOOGLE_GENERATIVE_AI_API_KEY", "env-key-123")
        model.do_generate(OPTIONS)
    assert transport.last_request.headers["x-goog-api-key"] == "env-key-123"
    assert "key=" not in transport.last_request.url
    secret_provider = create_google_generative_ai(api_key=API_KEY)
    request = secret_provider("gemini-2.5-flash").build_request(OPTIONS, stream=False).request
    assert "x-goog-api-key" in request.credential_headers
    for shown in (repr(secret_provider), repr(secret_provider("gemini-2.5-flash")), repr(request)):
        assert API_KEY not in shown


@pytest.mark.anyio
async def test_error_bodies_become_api_call_errors(io: Driver, replay: ReplayFactory) -> None:
    provider, _ = replay("error-429", "error-400")
    model = provider("gemini-2.5-flash")
    with pytest.raises(APICallError) as caught:
        await io.generate(model, OPTIONS)
    assert caught.value.status_code == 429
    assert caught.value.is_retryable
    assert caught.value.message == "Resource has been exhausted (e.g. check quota)."
    assert caught.value.data["error"]["status"] == "RESOURCE_EXHAUSTED"
    with pytest.raises(APICallError) as caught:
        await io.stream(model, OPTIONS)
    assert caught.value.status_code == 400 and not caught.value.is_retryable
    assert caught.value.url == f"{BASE}/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
    assert API_KEY not in str(caught.value) and API_KEY not in repr(caught.value)


@pytest.mark.anyio
async def test_embeddings_batch_with_task_type_and_dimensions(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("embeddings")
    result = await io.embed(
        provider.embedding("gemini-embedding-001"),
        EmbeddingCallOptions(
            values=["sunny day", "rainy night"],
            provider_options={"google": {"taskType": "RETRIEVAL_DOCUMENT", "outputDimensionality": 3}},
        ),
    )
    request = transport.last_request
    assert request.url == f"{BASE}/models/gemini-embedding-001:batchEmbedContents"
    assert request.headers["x-goog-api-key"] == API_KEY
    assert request.json == {
        "requests": [
            {
                "model": "models/gemini-embedding-001",
                "content": {"role": "user", "parts": [{"text": text}]},
                "outputDimensionality": 3,
                "taskType": "RETRIEVAL_DOCUMENT",
            }
            for text in ("sunny day", "rainy night")
        ]
    }
    assert result.embeddings == [[0.0125, -0.25, 0.5], [0.75, 0.001, -0.5]]
    assert result.usage is None


def test_embedding_limits_and_bad_answers(replay: ReplayFactory) -> None:
    provider, transport = replay("embeddings")
    model = provider.embedding("gemini-embedding-001")
    with pytest.raises(InvalidArgumentError, match="2048"):
        model.do_embed(EmbeddingCallOptions(values=["x"] * 2049))
    with pytest.raises(InvalidArgumentError, match="taskType"):
        model.do_embed(EmbeddingCallOptions(values=["x"], provider_options={"google": {"taskType": "GUESS"}}))
    assert transport.requests == []
    with pytest.raises(InvalidResponseDataError, match="Expected 3 embeddings, got 2"):
        model.do_embed(EmbeddingCallOptions(values=["a", "b", "c"]))
