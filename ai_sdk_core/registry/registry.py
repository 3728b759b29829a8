"""Provider registries: ``create_provider_registry`` (several providers behind ``"provider:model"`` ids) and
``custom_provider`` (fixed model aliases, with an optional fallback provider)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core.spec.embedding_model import EmbeddingModel
from ai_sdk_core.spec.errors import NoSuchModelError, NoSuchProviderError
from ai_sdk_core.spec.language_model import LanguageModel
from ai_sdk_core.spec.provider import Provider

__all__ = ["CustomProvider", "ProviderRegistry", "create_provider_registry", "custom_provider"]


def split_model_id(model_id: str, separator: str, *, model_type: str) -> tuple[str, str]:
    """``"openai:gpt-4o"`` -> ``("openai", "gpt-4o")``; the model part may itself contain the separator."""
    provider, found, model = model_id.partition(separator)
    if not found or not provider or not model:
        raise NoSuchModelError(
            model_id,
            model_type=model_type,
            message=f"Invalid model id {model_id!r}: expected 'provider{separator}model'",
        )
    return provider, model


@dataclass(slots=True)
class ProviderRegistry:
    """Looks models up as ``"<provider><separator><model id>"`` among named providers."""

    providers: dict[str, Provider]
    separator: str = ":"

    def _provider(self, provider_id: str, model_id: str) -> Provider:
        try:
            return self.providers[provider_id]
        except KeyError:
            raise NoSuchProviderError(
                provider_id, model_id=model_id, available_providers=list(self.providers)
            ) from None

    def language_model(self, model_id: str) -> LanguageModel:
        """The language model of ``model_id`` (``"openai:gpt-4o-mini"``)."""
        provider_id, model = split_model_id(model_id, self.separator, model_type="language_model")
        return self._provider(provider_id, model_id).language_model(model)

    def embedding_model(self, model_id: str) -> EmbeddingModel:
        """The embedding model of ``model_id`` (``"openai:text-embedding-3-small"``)."""
        provider_id, model = split_model_id(model_id, self.separator, model_type="embedding_model")
        return self._provider(provider_id, model_id).embedding_model(model)


def create_provider_registry(providers: Mapping[str, Provider], *, separator: str = ":") -> ProviderRegistry:
    """A registry of named providers::

    registry = create_provider_registry({"openai": openai, "fast": custom_provider(...)})
    generate_text(model=registry.language_model("openai:gpt-4o-mini"), prompt="hi")
    """
    return ProviderRegistry(providers=dict(providers), separator=separator)


@dataclass(slots=True)
class CustomProvider:
    """Fixed model aliases; ids it does not know go to ``fallback_provider`` (or raise ``NoSuchModelError``)."""

    language_models: dict[str, LanguageModel] = field(default_factory=dict)
    embedding_models: dict[str, EmbeddingModel] = field(default_factory=dict)
    fallback_provider: Provider | None = None

    def language_model(self, model_id: str) -> LanguageModel:
        """The aliased language model, or the fallback provider's."""
        if model_id in self.language_models:
            return self.language_models[model_id]
        if self.fallback_provider is not None:
            return self.fallback_provider.language_model(model_id)
        raise NoSuchModelError(model_id, model_type="language_model")

    def embedding_model(self, model_id: str) -> EmbeddingModel:
        """The aliased embedding model, or the fallback provider's."""
        if model_id in self.embedding_models:
            return self.embedding_models[model_id]
        if self.fallback_provider is not None:
            return self.fallback_provider.embedding_model(model_id)
        raise NoSuchModelError(model_id, model_type="embedding_model")


def custom_provider(
    *,
    language_models: Mapping[str, LanguageModel] | None = None,
    embedding_models: Mapping[str, EmbeddingModel] | None = None,
    fallback_provider: Provider | Any | None = None,
) -> CustomProvider:
    """A provider of fixed aliases, e.g. ``custom_provider(language_models={"fast": openai("gpt-4o-mini")})``."""
    return CustomProvider(
        language_models=dict(language_models or {}),
        embedding_models=dict(embedding_models or {}),
        fallback_provider=fallback_provider,
    )
