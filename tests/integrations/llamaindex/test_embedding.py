"""``AISDKEmbedding``: query/text/batch embeddings, sync and async, within both batch limits."""

from __future__ import annotations

import pytest
from llama_index.core.base.embeddings.base import BaseEmbedding

from ai_sdk_core.testing import MockEmbeddingModel
from llama_index.embeddings.ai_sdk import AISDKEmbedding
from tests.support.vendor_server import FAKE_API_KEY, VendorServer, embed_text

pytestmark = pytest.mark.anyio

TEXTS = [f"text number {index}" for index in range(12)]


def vector(value: str) -> list[float]:
    return [float(len(value)), float(value.count(" "))]


def test_is_a_base_embedding_named_after_its_model() -> None:
    embedding = AISDKEmbedding(MockEmbeddingModel())
    assert isinstance(embedding, BaseEmbedding)
    assert embedding.model_name == "mock-provider:mock-embedding-model-id"
    assert AISDKEmbedding("openai:text-embedding-3-small").model_name == "openai:text-embedding-3-small"


async def test_single_embeddings_sync_and_async() -> None:
    model = MockEmbeddingModel(embed=vector)
    embedding = AISDKEmbedding(model)
    assert embedding.get_query_embedding("a b") == vector("a b")
    assert embedding.get_text_embedding("a b c") == vector("a b c")
    assert await embedding.aget_query_embedding("a b") == vector("a b")
    assert await embedding.aget_text_embedding("a b c") == vector("a b c")
    assert [list(call.values) for call in model.calls] == [["a b"], ["a b c"], ["a b"], ["a b c"]]


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
async def test_batches_respect_embed_batch_size_and_the_model_limit(asynchronous: bool) -> None:
    # LlamaIndex cuts 12 texts into pieces of 5; the model takes at most 3 per call, so each piece is cut again.
    model = MockEmbeddingModel(embed=vector, max_embeddings_per_call=3)
    embedding = AISDKEmbedding(model, embed_batch_size=5)
    if asynchronous:
        vectors = await embedding.aget_text_embedding_batch(TEXTS)
    else:
        vectors = embedding.get_text_embedding_batch(TEXTS)
    assert vectors == [vector(text) for text in TEXTS]
    sizes = [len(call.values) for call in model.calls]
    assert max(sizes) <= 3
    assert sorted(sizes) == [2, 2, 2, 3, 3]
    assert [
        value for call in sorted(model.calls, key=lambda call: TEXTS.index(call.values[0])) for value in call.values
    ] == TEXTS


def test_options_reach_the_model() -> None:
    model = MockEmbeddingModel(embed=vector)
    AISDKEmbedding(model, provider_options={"openai": {"dimensions": 2}}).get_text_embedding("x")
    assert model.calls[0].provider_options == {"openai": {"dimensions": 2}}


async def test_over_the_openai_embeddings_wire() -> None:
    async with VendorServer() as server:
        embedding = AISDKEmbedding(server.embedding_model(16), embed_batch_size=4)
        vectors = embedding.get_text_embedding_batch(TEXTS[:6])
        assert len(vectors) == 6
        assert vectors[0] == pytest.approx(embed_text(TEXTS[0], 16))
        assert await embedding.aget_query_embedding(TEXTS[1]) == pytest.approx(embed_text(TEXTS[1], 16))
        assert [len(request["input"]) for request in server.embedding_requests] == [4, 2, 1]


def test_api_key_and_base_url_for_provider_strings() -> None:
    with VendorServer() as server:
        embedding = AISDKEmbedding(
            "openai:hash-embedding-16", api_key=FAKE_API_KEY, base_url=server.base_url("openai-chat")
        )
        assert embedding.get_text_embedding(TEXTS[0]) == pytest.approx(embed_text(TEXTS[0], 16))
        assert server.embedding_requests[0]["input"] == [TEXTS[0]]
        for text in (repr(embedding), str(embedding.to_dict()), embedding.to_json()):
            assert FAKE_API_KEY not in text
