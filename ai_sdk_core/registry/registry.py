"""Provider registries: ``create_provider_registry`` (several providers behind ``"provider:model"`` ids) and
``custom_provider`` (fixed model aliases, with an optional fallback provider).

Both serve every model kind of the spec by method name: ``language_model``, ``embedding_model``,
``image_model``, ``speech_model``, ``transcription_model`` and ``reranking_model``. A kind a provider lacks
is a :class:`~ai_sdk_core.spec.errors.NoSuchModelError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ai_sdk_core.spec.embedding_model import EmbeddingModel
from ai_sdk_core.spec.errors import NoSuchModelError, NoSuchProviderError
from ai_sdk_core.spec.language_model import LanguageModel
from ai_sdk_core.spec.provider import Provider

__all__ = [
    "MODEL_KINDS",
    "CustomProvider",
    "ProviderRegistry",
    "create_provider_registry",
    "custom_provider",
    "model_of_kind",
    "no_such_model",
    "split_model_id",
]

MODEL_KINDS = (
    "embedding_model",
    "image_model",
    "language_model",
    "reranking_model",
    "speech_model",
    "transcription_model",
)


def no_such_model(model_id: str, model_type: str, available: Sequence[str] | None = None) -> NoSuchModelError:
    """A ``NoSuchModelError`` whose message lists the ``available`` ids (when known); they are also kept in
    its ``available_models`` attribute."""
    message = f"No such {model_type}: {model_id!r}"
    if available is not None:
        message += f" (available: {', '.join(sorted(available)) or 'none'})"
    error = NoSuchModelError(model_id, model_type=model_type, message=message)
    error.available_models = list(available or ())  # type: ignore[attr-defined]
    return error


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


def model_of_kind(provider: Any, kind: str, model_id: str) -> Any:
    """``provider.<kind>(model_id)``, or ``NoSuchModelError`` when the provider has no models of that kind."""
    factory = getattr(provider, kind, None)
    if factory is None:
        raise NoSuchModelError(model_id, model_type=kind, message=f"The provider has no {kind}s ({model_id!r})")
    return factory(model_id)


@dataclass(slots=True)
class ProviderRegistry:
    """Looks models up as ``"<provider><separator><model id>"`` among named providers.

    ``language_model_middleware`` (one middleware or a list) wraps every language model it returns.
    """

    providers: dict[str, Provider]
    separator: str = ":"
    language_model_middleware: Any = None

    def _provider(self, provider_id: str, model_id: str) -> Provider:
        try:
            return self.providers[provider_id]
        except KeyError:
            raise NoSuchProviderError(
                provider_id, model_id=model_id, available_providers=list(self.providers)
            ) from None

    def _model(self, kind: str, model_id: str) -> Any:
        provider_id, model = split_model_id(model_id, self.separator, model_type=kind)
        return model_of_kind(self._provider(provider_id, model_id), kind, model)

    def language_model(self, model_id: str) -> LanguageModel:
        """The language model of ``model_id`` (``"openai:gpt-4o-mini"``)."""
        model: LanguageModel = self._model("language_model", model_id)
        if self.language_model_middleware:
            from ai_sdk_core.middleware.wrap import wrap_language_model

            return wrap_language_model(model, self.language_model_middleware)
        return model

    def embedding_model(self, model_id: str) -> EmbeddingModel:
        """The embedding model of ``model_id`` (``"openai:text-embedding-3-small"``)."""
        model: EmbeddingModel = self._model("embedding_model", model_id)
        return model

    def image_model(self, model_id: str) -> Any:
        """The image model of ``model_id`` (``"openai:gpt-image-1"``)."""
        return self._model("image_model", model_id)

    def speech_model(self, model_id: str) -> Any:
        """The speech model of ``model_id``."""
        return self._model("speech_model", model_id)

    def transcription_model(self, model_id: str) -> Any:
        """The transcription model of ``model_id``."""
        return self._model("transcription_model", model_id)

    def reranking_model(self, model_id: str) -> Any:
        """The reranking model of ``model_id``."""
        return self._model("reranking_model", model_id)


def create_provider_registry(
    providers: Mapping[str, Provider | Any],
    *,
    separator: str = ":",
    language_model_middleware: Any = None,
) -> ProviderRegistry:
    """A registry of named providers::

    registry = create_provider_registry({"openai": openai, "fast": custom_provider(...)})
    generate_text(model=registry.language_model("openai:gpt-4o-mini"), prompt="hi")

    ``separator`` may be any non-empty string (``" > "``); the model part may contain it again.
    """
    if not separator:
        from ai_sdk_core.spec.errors import InvalidArgumentError

        raise InvalidArgumentError("separator must not be empty", argument="separator", value=separator)
    return ProviderRegistry(
        providers=dict(providers), separator=separator, language_model_middleware=language_model_middleware
    )


@dataclass(slots=True)
class CustomProvider:
    """Fixed model aliases per kind; ids it does not know go to ``fallback_provider`` (or raise
    ``NoSuchModelError`` listing the aliases)."""

    language_models: dict[str, LanguageModel] = field(default_factory=dict)
    embedding_models: dict[str, EmbeddingModel] = field(default_factory=dict)
    image_models: dict[str, Any] = field(default_factory=dict)
    speech_models: dict[str, Any] = field(default_factory=dict)
    transcription_models: dict[str, Any] = field(default_factory=dict)
    reranking_models: dict[str, Any] = field(default_factory=dict)
    fallback_provider: Provider | Any | None = None

    def _model(self, kind: str, model_id: str) -> Any:
        aliases: dict[str, Any] = getattr(self, f"{kind}s")
        if model_id in aliases:
            return aliases[model_id]
        if self.fallback_provider is not None:
            return model_of_kind(self.fallback_provider, kind, model_id)
        raise no_such_model(model_id, kind, list(aliases))

    def language_model(self, model_id: str) -> LanguageModel:
        """The aliased language model, or the fallback provider's."""
        model: LanguageModel = self._model("language_model", model_id)
        return model

    def embedding_model(self, model_id: str) -> EmbeddingModel:
        """The aliased embedding model, or the fallback provider's."""
        model: EmbeddingModel = self._model("embedding_model", model_id)
        return model

    def image_model(self, model_id: str) -> Any:
        """The aliased image model, or the fallback provider's."""
        return self._model("image_model", model_id)

    def speech_model(self, model_id: str) -> Any:
        """The aliased speech model, or the fallback provider's."""
        return self._model("speech_model", model_id)

    def transcription_model(self, model_id: str) -> Any:
        """The aliased transcription model, or the fallback provider's."""
        return self._model("transcription_model", model_id)

    def reranking_model(self, model_id: str) -> Any:
        """The aliased reranking model, or the fallback provider's."""
        return self._model("reranking_model", model_id)


def custom_provider(
    *,
    language_models: Mapping[str, LanguageModel] | None = None,
    embedding_models: Mapping[str, EmbeddingModel] | None = None,
    image_models: Mapping[str, Any] | None = None,
    speech_models: Mapping[str, Any] | None = None,
    transcription_models: Mapping[str, Any] | None = None,
    reranking_models: Mapping[str, Any] | None = None,
    fallback_provider: Provider | Any | None = None,
) -> CustomProvider:
    """A provider of fixed aliases, e.g. ``custom_provider(language_models={"fast": openai("gpt-4o-mini")})``."""
    return CustomProvider(
        language_models=dict(language_models or {}),
        embedding_models=dict(embedding_models or {}),
        image_models=dict(image_models or {}),
        speech_models=dict(speech_models or {}),
        transcription_models=dict(transcription_models or {}),
        reranking_models=dict(reranking_models or {}),
        fallback_provider=fallback_provider,
    )
