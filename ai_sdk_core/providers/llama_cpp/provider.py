"""``create_llama_cpp`` and the default ``llama_cpp`` provider: local models in this process, no key, no network.

Model ids: ``"default"`` (the file named by ``AI_SDK_LOCAL_MODEL``, else the bundled SmolLM2-135M-Instruct),
``"smollm2-135m-instruct"`` (always the bundled one), or the path of any GGUF file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from ai_sdk_core.providers.llama_cpp.embedding_model import LlamaCppEmbeddingModel
from ai_sdk_core.providers.llama_cpp.language_model import LlamaCppLanguageModel
from ai_sdk_core.providers.llama_cpp.paths import DEFAULT_MODEL_ID
from ai_sdk_core.providers.llama_cpp.runtime import LoadSettings
from ai_sdk_core.providers.llama_cpp.sentence_embedding import MINILM_MODEL_ID, SentenceEmbeddingModel

__all__ = ["LlamaCppProvider", "create_llama_cpp", "llama_cpp"]


class LlamaCppProvider:
    """Local llama.cpp models. Every model it returns shares the process-wide cache of loaded files, keyed by
    path and load settings, so ``llama_cpp("default")`` twice loads the file once."""

    def __init__(
        self,
        *,
        model_path: str | Path | None = None,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        n_batch: int = 512,
        n_gpu_layers: int = 0,
        chat_template: str | None = None,
        name: str = "llama-cpp",
    ) -> None:
        self._model_path = model_path
        self._settings = LoadSettings(
            n_ctx=n_ctx, n_threads=n_threads, n_batch=n_batch, n_gpu_layers=n_gpu_layers, chat_template=chat_template
        )
        self.name = name

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, model_path={self._model_path!r})"

    def __call__(self, model_id: str = DEFAULT_MODEL_ID) -> LlamaCppLanguageModel:
        """The chat model ``model_id`` (see the module docstring for the ids)."""
        return self.chat(model_id)

    def chat(self, model_id: str = DEFAULT_MODEL_ID) -> LlamaCppLanguageModel:
        """The chat model ``model_id``; the provider's ``model_path`` (if given) is used for ``"default"``."""
        model_path = self._model_path if model_id == DEFAULT_MODEL_ID else None
        return LlamaCppLanguageModel(model_id, model_path=model_path, settings=self._settings, provider=self.name)

    def language_model(self, model_id: str) -> LlamaCppLanguageModel:
        """The spec's ``Provider.language_model``."""
        return self.chat(model_id)

    def embedding(self, model_id: str = DEFAULT_MODEL_ID) -> SentenceEmbeddingModel | LlamaCppEmbeddingModel:
        """A local embedding model: ``"default"`` or ``"all-minilm-l6-v2"`` is all-MiniLM-L6-v2 (extra
        ``local-embeddings``); a GGUF path is that embedding model through llama.cpp."""
        if model_id in (DEFAULT_MODEL_ID, MINILM_MODEL_ID):
            return SentenceEmbeddingModel(MINILM_MODEL_ID, provider=self.name)
        return LlamaCppEmbeddingModel(model_id, n_threads=self._settings.n_threads, provider=self.name)

    def embedding_model(self, model_id: str) -> SentenceEmbeddingModel | LlamaCppEmbeddingModel:
        """The spec's ``Provider.embedding_model``."""
        return self.embedding(model_id)

    def text_embedding_model(self, model_id: str) -> SentenceEmbeddingModel | LlamaCppEmbeddingModel:
        """Alias of :meth:`embedding`."""
        return self.embedding(model_id)


def create_llama_cpp(
    *,
    model_path: str | Path | None = None,
    n_ctx: int = 4096,
    n_threads: int | None = None,
    n_batch: int = 512,
    n_gpu_layers: int = 0,
    chat_template: str | None = None,
    name: str = "llama-cpp",
) -> LlamaCppProvider:
    """A local provider. ``model_path`` is the GGUF file of ``"default"``; ``n_ctx`` the context window in tokens;
    ``chat_template`` a Jinja chat template for a GGUF file that lacks one.

    Example::

        from ai_sdk_core.providers.llama_cpp import create_llama_cpp

        local = create_llama_cpp(model_path="~/models/qwen2.5-0.5b-instruct-q4_k_m.gguf", n_ctx=8192)
        model = local("default")
    """
    return LlamaCppProvider(
        model_path=model_path,
        n_ctx=n_ctx,
        n_threads=n_threads,
        n_batch=n_batch,
        n_gpu_layers=n_gpu_layers,
        chat_template=chat_template,
        name=name,
    )


llama_cpp: Final = create_llama_cpp()
"""The default local provider: ``llama_cpp("default")`` is the bundled SmolLM2 model (or ``AI_SDK_LOCAL_MODEL``)."""
