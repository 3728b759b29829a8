"""``LlamaCppEmbeddingModel``: embeddings from any GGUF embedding model through llama.cpp's embedding mode.

For the default sentence-embedding model (all-MiniLM-L6-v2) see
:mod:`~ai_sdk_core.providers.llama_cpp.sentence_embedding`; this class serves GGUF files the user has (BERT,
nomic-bert, ... embedding models), pooled as the file says (else averaged over tokens) and normalised to length 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from ai_sdk_core.providers.llama_cpp.paths import resolve_model_path
from ai_sdk_core.providers.llama_cpp.runtime import LoadedModel, LoadSettings, load_model
from ai_sdk_core.spec.embedding_model import EmbeddingCallOptions, EmbeddingResult, EmbeddingUsage
from ai_sdk_core.spec.shared import ResponseInfo

__all__ = ["LlamaCppEmbeddingModel", "mean_pooled", "normalize"]


def normalize(vector: Sequence[float]) -> list[float]:
    """``vector`` scaled to length 1; a zero vector stays zero.

    >>> normalize([3.0, 4.0])
    [0.6, 0.8]
    """
    length = math.sqrt(sum(value * value for value in vector))
    return [value / length for value in vector] if length else list(vector)


def mean_pooled(output: Sequence[float] | Sequence[Sequence[float]]) -> list[float]:
    """One vector for a text: llama.cpp returns one already when the GGUF file names a pooling, and one vector
    per token otherwise (decoder models), which are averaged.

    >>> mean_pooled([[1.0, 2.0], [3.0, 4.0]])
    [2.0, 3.0]
    """
    if not output or not isinstance(output[0], Sequence):
        return [float(value) for value in output]  # type: ignore[arg-type]
    rows = [list(row) for row in output]  # type: ignore[arg-type]
    return [sum(column) / len(rows) for column in zip(*rows, strict=True)]


class LlamaCppEmbeddingModel:
    """Embeds texts with the GGUF file ``model_id`` (a path), one normalised vector per text, in order.

    Example::

        from ai_sdk_core.providers.llama_cpp import llama_cpp

        model = llama_cpp.embedding("~/models/nomic-embed-text-v1.5.Q4_K_M.gguf")
    """

    specification_version: Literal["v4"] = "v4"
    max_embeddings_per_call: int | None = 256
    supports_parallel_calls: bool = False

    def __init__(
        self, model_id: str, *, n_ctx: int = 512, n_threads: int | None = None, provider: str = "llama-cpp"
    ) -> None:
        self._model_id = model_id
        self._settings = LoadSettings(n_ctx=n_ctx, n_batch=n_ctx, n_threads=n_threads, embedding=True)
        self._provider = provider

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model_id={self._model_id!r})"

    @property
    def provider(self) -> str:
        """``"llama-cpp"``."""
        return self._provider

    @property
    def model_id(self) -> str:
        """The GGUF file's path."""
        return self._model_id

    @property
    def model_path(self) -> Path:
        """The GGUF file (raises when it does not exist)."""
        return resolve_model_path(self._model_id)

    def load(self) -> LoadedModel:
        """Load the model now (otherwise the first call does); cached for the process."""
        return load_model(self.model_path, self._settings)

    def do_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        """One normalised vector per value."""
        loaded = self.load()
        embeddings: list[list[float]] = []
        tokens = 0
        with loaded.lock:
            llama = loaded.llama
            for value in options.values:
                tokens += len(llama.tokenize(value.encode("utf-8"), add_bos=True, special=False))
                embeddings.append(normalize(mean_pooled(llama.embed(value, normalize=False, truncate=True))))
        return EmbeddingResult(
            embeddings=embeddings, usage=EmbeddingUsage(tokens=tokens), response=ResponseInfo(model_id=loaded.path.name)
        )

    async def ado_embed(self, options: EmbeddingCallOptions) -> EmbeddingResult:
        """Async twin of :meth:`do_embed`, computed in a worker thread."""
        import anyio.to_thread

        return await anyio.to_thread.run_sync(self.do_embed, options)
