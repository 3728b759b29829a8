"""``AISDKEmbeddings`` over ``embed_many``: order, batching by the model's limit, async, options."""

from __future__ import annotations

import pytest

from ai_sdk_core import cosine_similarity
from ai_sdk_core.testing import MockEmbeddingModel
from langchain_ai_sdk import AISDKEmbeddings
from tests.integrations.langchain.helpers import ServerProvider
from tests.support.vendor_server import VendorServer

pytestmark = pytest.mark.anyio


def test_documents_keep_their_order_across_batches() -> None:
    model = MockEmbeddingModel(embed=lambda text: [float(len(text)), 1.0], max_embeddings_per_call=2)
    embeddings = AISDKEmbeddings(model=model)

    vectors = embeddings.embed_documents(["a", "bbb", "cc", "dddd", "e"])

    assert vectors == [[1.0, 1.0], [3.0, 1.0], [2.0, 1.0], [4.0, 1.0], [1.0, 1.0]]
    assert len(model.calls) == 3
    assert embeddings.embed_query("xyz") == [3.0, 1.0]
    assert embeddings.embed_documents([]) == []


async def test_async_forms() -> None:
    model = MockEmbeddingModel(embed=lambda text: [float(len(text))])
    embeddings = AISDKEmbeddings(model=model)
    assert await embeddings.aembed_documents(["ab", "abc"]) == [[2.0], [3.0]]
    assert await embeddings.aembed_query("abcd") == [4.0]


def test_vendor_embeddings_put_related_texts_close() -> None:
    with VendorServer() as server:
        embeddings = AISDKEmbeddings(model="hash-embedding-64", provider=ServerProvider(server, "openai-chat"))
        cats, kittens, stocks = embeddings.embed_documents(
            ["cats sleep on warm mats", "warm cats sleep", "bond markets fell sharply"]
        )
        assert cosine_similarity(cats, kittens) > cosine_similarity(cats, stocks)


def test_options_reach_the_model() -> None:
    model = MockEmbeddingModel()
    AISDKEmbeddings(model=model, headers={"x-team": "search"}, provider_options={"mock": {"a": 1}}).embed_query("q")
    assert model.calls[0].headers is not None and model.calls[0].headers.get("x-team") == "search"
    assert model.calls[0].provider_options == {"mock": {"a": 1}}


def test_rejects_a_model_that_is_not_one() -> None:
    with pytest.raises(ValueError, match="embedding model"):
        AISDKEmbeddings(model=3.5)
