"""The provider protocol: a factory of models by id."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ai_sdk_core.spec.embedding_model import EmbeddingModel
from ai_sdk_core.spec.language_model import LanguageModel

__all__ = ["Provider"]


@runtime_checkable
class Provider(Protocol):
    """Returns models by id; raises :class:`~ai_sdk_core.spec.errors.NoSuchModelError` for a kind it lacks."""

    def language_model(self, model_id: str) -> LanguageModel: ...

    def embedding_model(self, model_id: str) -> EmbeddingModel: ...
