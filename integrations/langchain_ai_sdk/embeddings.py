"""``AISDKEmbeddings``: any AI SDK embedding model as LangChain ``Embeddings`` (over ``embed_many``).

Example::

    from langchain_ai_sdk import AISDKEmbeddings

    embeddings = AISDKEmbeddings(model="openai:text-embedding-3-small")
    vectors = embeddings.embed_documents(["first text", "second text"])
    query = embeddings.embed_query("a question")
"""

from __future__ import annotations

from typing import Any

from langchain_core.embeddings import Embeddings
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from ai_sdk_core import (
    EmbeddingModel,
    InvalidArgumentError,
    TimeoutConfig,
    aembed_many,
    embed_many,
    resolve_embedding_model,
)

__all__ = ["AISDKEmbeddings"]


class AISDKEmbeddings(BaseModel, Embeddings):
    """Embeddings from an AI SDK embedding model: a ``"provider:model"`` string, a model object, or with
    ``provider`` that provider's model id. Batching by the model's limit, parallel calls and retries are the
    SDK's (``max_parallel_calls``, ``max_retries``, ``timeout``)."""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")  # a typo is an error, not dropped

    model: Any = Field(description="A 'provider:model' string, a model id of `provider`, or a model object.")
    provider: Any = Field(default=None, exclude=True, description="A provider whose `embedding_model(id)` is used.")
    max_parallel_calls: int | None = None
    max_retries: int | None = 2
    timeout: float | TimeoutConfig | None = None
    headers: dict[str, str] | None = Field(default=None, exclude=True, repr=False)
    provider_options: dict[str, dict[str, Any]] | None = None

    _resolved: EmbeddingModel | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check_model(self) -> AISDKEmbeddings:
        if not isinstance(self.model, str) and not hasattr(self.model, "do_embed"):
            raise InvalidArgumentError("expected a 'provider:model' string or an embedding model", argument="model")
        return self

    def _embedding_model(self) -> EmbeddingModel:
        if self._resolved is None:
            if not isinstance(self.model, str):
                self._resolved = self.model
            elif self.provider is not None:
                self._resolved = self.provider.embedding_model(self.model)
            else:
                self._resolved = resolve_embedding_model(self.model)
        return self._resolved

    def _arguments(self, texts: list[str]) -> dict[str, Any]:
        arguments: dict[str, Any] = {
            "model": self._embedding_model(),
            "values": list(texts),
            "max_retries": self.max_retries,
        }
        optional = {
            "max_parallel_calls": self.max_parallel_calls,
            "timeout": self.timeout,
            "headers": self.headers,
            "provider_options": self.provider_options,
        }
        arguments.update({key: value for key, value in optional.items() if value is not None})
        return arguments

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """One vector per text, in order."""
        if not texts:
            return []
        return [list(vector) for vector in embed_many(**self._arguments(texts)).embeddings]

    def embed_query(self, text: str) -> list[float]:
        """The vector of one text."""
        return self.embed_documents([text])[0]

    async def aembed_documents(self, texts: list[str]) -> list[list[float]]:
        """Async twin of :meth:`embed_documents`."""
        if not texts:
            return []
        result = await aembed_many(**self._arguments(texts))
        return [list(vector) for vector in result.embeddings]

    async def aembed_query(self, text: str) -> list[float]:
        """Async twin of :meth:`embed_query`."""
        return (await self.aembed_documents([text]))[0]
