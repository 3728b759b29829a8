"""OpenAI embeddings: the request sent and the vectors decoded in input order (sync and async)."""

from __future__ import annotations

import pytest

from ai_sdk_core.spec import EmbeddingCallOptions, EmbeddingUsage, InvalidArgumentError, InvalidResponseDataError
from ai_sdk_core.testing.replay import ReplayResponse

from .conftest import API_KEY, Driver, ReplayFactory

pytestmark = pytest.mark.anyio


async def test_embeddings_in_input_order_with_usage_and_dimensions(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("embeddings")
    model = provider.embedding("text-embedding-3-small")
    result = await io.embed(
        model,
        EmbeddingCallOptions(
            values=["sunny day at the beach", "rainy afternoon in the city"],
            headers={"X-Trace": "t-1"},
            provider_options={"openai": {"dimensions": 3, "user": "user-9"}},
        ),
    )
    request = transport.last_request
    assert request.url == "https://api.openai.com/v1/embeddings"
    assert request.json == {
        "model": "text-embedding-3-small",
        "input": ["sunny day at the beach", "rainy afternoon in the city"],
        "encoding_format": "float",
        "dimensions": 3,
        "user": "user-9",
    }
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.headers["x-trace"] == "t-1"
    # The fixture lists index 1 first: vectors come back in the order of the inputs, not of the list.
    assert result.embeddings == [[0.0023, -0.0093, 0.0159], [0.25, -0.5, 0.125]]
    assert result.usage == EmbeddingUsage(tokens=8)
    assert result.response.body["model"] == "text-embedding-3-small"
    assert model.max_embeddings_per_call == 2048
    assert model.supports_parallel_calls is True


async def test_plain_request_and_aliases(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("embeddings")
    model = provider.text_embedding_model("text-embedding-3-large")
    assert model.provider == "openai.embedding"
    await io.embed(model, EmbeddingCallOptions(values=["a", "b"]))
    assert transport.last_request.json == {
        "model": "text-embedding-3-large",
        "input": ["a", "b"],
        "encoding_format": "float",
    }


async def test_too_many_values_and_bad_options_fail_before_any_request(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay("embeddings")
    model = provider.embedding("text-embedding-3-small")
    with pytest.raises(InvalidArgumentError) as raised:
        await io.embed(model, EmbeddingCallOptions(values=["x"] * 2049))
    assert raised.value.argument == "values"
    with pytest.raises(InvalidArgumentError) as raised:
        await io.embed(model, EmbeddingCallOptions(values=["x"], provider_options={"openai": {"dimensions": "3"}}))
    assert "dimensions" in str(raised.value)
    assert transport.requests == []


async def test_a_response_with_the_wrong_number_of_vectors_is_invalid(io: Driver, replay: ReplayFactory) -> None:
    provider, transport = replay()
    transport.add(ReplayResponse.json_body({"data": [{"index": 0, "embedding": [1.0]}], "usage": None}))
    with pytest.raises(InvalidResponseDataError):
        await io.embed(provider.embedding("text-embedding-3-small"), EmbeddingCallOptions(values=["a", "b"]))
