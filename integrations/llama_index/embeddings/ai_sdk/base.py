"""``AISDKEmbedding``: every AI SDK embedding model as a LlamaIndex ``BaseEmbedding``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding, Embedding
from llama_index.core.bridge.pydantic import Field, PrivateAttr, SecretStr

from ai_sdk_core import EmbeddingModel, aembed_many, embed_many, resolve_embedding_model

__all__ = ["AISDKEmbedding"]


class AISDKEmbedding(BaseEmbedding):
    """Any AI SDK embedding model as a LlamaIndex embedding model.

    Example::

        from llama_index.embeddings.ai_sdk import AISDKEmbedding

        embed_model = AISDKEmbedding("openai:text-embedding-3-small", embed_batch_size=64)
        vector = embed_model.get_text_embedding("sunny day")

    LlamaIndex cuts a batch of texts into ``embed_batch_size`` pieces; each piece goes to ``embed_many``, which
    cuts it again by the model's own limit (``max_embeddings_per_call``), so neither limit is ever exceeded.
    ``max_parallel_calls`` bounds the requests of one piece in flight.
    """

    max_retries: int = Field(default=2, description="Retries per model call.", ge=0)
    timeout: float | None = Field(default=None, description="Total seconds per model call.")
    max_parallel_calls: int | None = Field(default=None, description="Requests in flight per batch (None: all).")
    provider_options: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Provider options sent with every call."
    )
    headers: dict[str, str] | None = Field(default=None, description="Extra request headers.", exclude=True, repr=False)
    api_key: SecretStr | None = Field(
        default=None,
        description="API key for a 'provider:model' string (else the provider's environment variable).",
        exclude=True,
        repr=False,
    )
    base_url: str | None = Field(default=None, description="Base URL for a 'provider:model' string (a proxy, ...).")

    _embedding_model: EmbeddingModel = PrivateAttr()

    def __init__(self, model: str | EmbeddingModel, **kwargs: Any) -> None:
        name = model if isinstance(model, str) else f"{model.provider}:{model.model_id}"
        super().__init__(model_name=name, **kwargs)
        api_key = self.api_key.get_secret_value() if self.api_key is not None else None
        self._embedding_model = resolve_embedding_model(model, api_key=api_key, base_url=self.base_url)

    @classmethod
    def class_name(cls) -> str:
        """LlamaIndex's serialisation name of this class."""
        return "ai_sdk_embedding"

    @property
    def embedding_model(self) -> EmbeddingModel:
        """The AI SDK model behind this embedding."""
        return self._embedding_model

    def _call_arguments(self) -> dict[str, Any]:
        arguments: dict[str, Any] = {"max_retries": self.max_retries, "max_parallel_calls": self.max_parallel_calls}
        if self.timeout is not None:
            arguments["timeout"] = self.timeout
        if self.provider_options:
            arguments["provider_options"] = self.provider_options
        if self.headers:
            arguments["headers"] = self.headers
        return arguments

    def _embed(self, texts: Sequence[str]) -> list[Embedding]:
        if not texts:
            return []
        result = embed_many(model=self._embedding_model, values=list(texts), **self._call_arguments())
        return result.embeddings

    async def _aembed(self, texts: Sequence[str]) -> list[Embedding]:
        if not texts:
            return []
        result = await aembed_many(model=self._embedding_model, values=list(texts), **self._call_arguments())
        return result.embeddings

    def _get_query_embedding(self, query: str) -> Embedding:
        return self._embed([query])[0]

    async def _aget_query_embedding(self, query: str) -> Embedding:
        return (await self._aembed([query]))[0]

    def _get_text_embedding(self, text: str) -> Embedding:
        return self._embed([text])[0]

    async def _aget_text_embedding(self, text: str) -> Embedding:
        return (await self._aembed([text]))[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[Embedding]:
        return self._embed(texts)

    async def _aget_text_embeddings(self, texts: list[str]) -> list[Embedding]:
        return await self._aembed(texts)
