"""``AIModels``: the app's language and embedding models by alias, built once per app (by the lifespan) and
cached.

Errors::

    AISDKError
    ├── UnknownModelAliasError (KeyError)          an alias that is not configured; names the known ones
    ├── ProviderSettingsError (ValueError)         a provider of the settings cannot be built
    └── AISDKNotConfiguredError (RuntimeError)     a dependency ran in an app whose lifespan did not set up the SDK
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import ai_sdk_core
from ai_sdk_core import (
    AISDKError,
    EmbeddingModel,
    LanguageModel,
    default_settings_middleware,
    resolve_embedding_model,
    resolve_language_model,
    wrap_language_model,
)

from .settings import AISDKSettings, ModelAliasSettings, ModelKind, ProviderSettings

__all__ = ["AIModels", "AISDKNotConfiguredError", "ProviderSettingsError", "UnknownModelAliasError", "build_provider"]

logger = logging.getLogger("fastapi_ai_sdk")

AliasTarget = ModelAliasSettings | LanguageModel | str
"""What an alias may point at: its settings, a model object (a mock in tests), or a ``"provider:model"`` string."""

EmbeddingAliasTarget = ModelAliasSettings | EmbeddingModel | str
"""What an embedding alias may point at (as for :data:`AliasTarget`)."""


class UnknownModelAliasError(AISDKError, KeyError):
    """``alias`` is not configured (as a model of ``kind``). The message lists the known aliases of that kind; it
    is safe to show a client."""

    def __init__(self, alias: str, known_aliases: list[str], *, kind: ModelKind = "language") -> None:
        label = "model alias" if kind == "language" else "embedding model alias"
        super().__init__(f"Unknown {label} {alias!r}; known aliases: {', '.join(known_aliases) or '(none)'}")
        self.alias = alias
        self.known_aliases = known_aliases
        self.kind = kind

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.message


class ProviderSettingsError(AISDKError, ValueError):
    """A provider of ``AISDKSettings.providers`` cannot be built; the message says why (never the key)."""


class AISDKNotConfiguredError(AISDKError, RuntimeError):
    """The app has no :class:`AIModels`: give it ``lifespan=ai_sdk_lifespan(...)`` (or enter
    ``ai_sdk_context(app)`` in your own lifespan), or override the dependency in tests."""


def build_provider(name: str, settings: ProviderSettings) -> Any:
    """A provider instance from its settings: ``settings.factory`` when given, else the built-in provider
    ``name`` configured with the settings' credentials."""
    arguments = settings.factory_arguments()
    if settings.factory is not None:
        try:
            return settings.factory(**arguments)
        except Exception as error:
            # Only the error's type: its message may quote the arguments, and they hold the credentials.
            raise ProviderSettingsError(
                f"Provider {name!r}: its factory failed ({type(error).__name__}); check its settings", cause=error
            ) from error
    try:
        return ai_sdk_core.create_builtin_provider(name, **arguments)
    except AISDKError as error:
        raise ProviderSettingsError(f"Provider {name!r}: {error}", cause=error) from error


class AIModels:
    """Language models (``models[alias]``) and embedding models (``models.embedding_model(alias)``) by alias.
    Model objects are built on first use and cached; providers built from settings are owned (closed by
    :meth:`aclose`), provider objects passed in are left to their owner.

    Example::

        models = AIModels(
            {"default": "openai:gpt-4o-mini", "local": "llama-cpp:default"},
            embedding_aliases={"search": "openai:text-embedding-3-small"},
        )
        model = models["default"]
    """

    def __init__(
        self,
        aliases: Mapping[str, AliasTarget],
        *,
        embedding_aliases: Mapping[str, EmbeddingAliasTarget] | None = None,
        providers: Mapping[str, Any] | None = None,
    ) -> None:
        self._targets = dict(aliases)
        self._embedding_targets = dict(embedding_aliases or {})
        self._providers = dict(providers or {})
        self._owned_providers: list[Any] = []
        self._cache: dict[str, LanguageModel] = {}
        self._embedding_cache: dict[str, EmbeddingModel] = {}
        self._lock = threading.Lock()  # sync dependencies run in FastAPI's thread pool

    @classmethod
    def from_settings(cls, settings: AISDKSettings, *, providers: Mapping[str, Any] | None = None) -> AIModels:
        """Aliases of ``settings``; each entry of ``settings.providers`` is built now with its factory (and closed
        by :meth:`aclose`). ``providers`` adds provider objects you built yourself, by name."""
        built = {
            name: build_provider(name, provider_settings) for name, provider_settings in settings.providers.items()
        }
        aliases = settings.aliases()
        models = cls(
            {alias: target for alias, target in aliases.items() if target.kind == "language"},
            embedding_aliases={alias: target for alias, target in aliases.items() if target.kind == "embedding"},
            providers={**built, **(providers or {})},
        )
        models._owned_providers = list(built.values())
        return models

    def __repr__(self) -> str:
        return f"{type(self).__name__}(aliases={self.aliases!r}, embedding_aliases={self.embedding_aliases!r})"

    @property
    def aliases(self) -> list[str]:
        """The language model aliases, sorted."""
        return sorted(self._targets)

    @property
    def embedding_aliases(self) -> list[str]:
        """The embedding model aliases, sorted."""
        return sorted(self._embedding_targets)

    def __contains__(self, alias: object) -> bool:
        return alias in self._targets

    def __iter__(self) -> Iterator[str]:
        return iter(self.aliases)

    def __len__(self) -> int:
        return len(self._targets)

    def __getitem__(self, alias: str) -> LanguageModel:
        """The model of ``alias``; :class:`UnknownModelAliasError` when it is not configured."""
        with self._lock:
            cached = self._cache.get(alias)
            if cached is not None:
                return cached
            if alias not in self._targets:
                raise UnknownModelAliasError(alias, self.aliases)
            model = self._build(self._targets[alias])
            self._cache[alias] = model
            return model

    def embedding_model(self, alias: str) -> EmbeddingModel:
        """The embedding model of ``alias``; :class:`UnknownModelAliasError` when it is not configured."""
        with self._lock:
            cached = self._embedding_cache.get(alias)
            if cached is not None:
                return cached
            if alias not in self._embedding_targets:
                raise UnknownModelAliasError(alias, self.embedding_aliases, kind="embedding")
            target = self._embedding_targets[alias]
            if isinstance(target, ModelAliasSettings):
                target = target.model
            model = self._resolve_embedding(target) if isinstance(target, str) else target
            self._embedding_cache[alias] = model
            return model

    def _build(self, target: AliasTarget) -> LanguageModel:
        if isinstance(target, ModelAliasSettings):
            model = self._resolve(target.model)
            if target.options:
                return wrap_language_model(model, default_settings_middleware(target.options))
            return model
        if isinstance(target, str):
            return self._resolve(target)
        return target

    def _resolve(self, model: str) -> LanguageModel:
        name, _, model_id = model.partition(":")
        provider = self._providers.get(name)
        if provider is not None:
            built: LanguageModel = provider.language_model(model_id)
            return built
        resolved: LanguageModel = resolve_language_model(model)
        return resolved

    def _resolve_embedding(self, model: str) -> EmbeddingModel:
        name, _, model_id = model.partition(":")
        provider = self._providers.get(name)
        if provider is not None:
            built: EmbeddingModel = provider.embedding_model(model_id)
            return built
        resolved: EmbeddingModel = resolve_embedding_model(model)
        return resolved

    def resolve_all(self) -> None:
        """Build every alias now, so that a misconfigured one (unknown provider, bad option) fails at startup."""
        for alias in self._targets:
            self[alias]
        for alias in self._embedding_targets:
            self.embedding_model(alias)

    async def aclose(self) -> None:
        """Close the providers built from settings (their pooled HTTP clients). Every one is tried; a failure
        is logged, not raised, so that one broken provider leaves no other client open."""
        owned, self._owned_providers = self._owned_providers, []
        for provider in owned:
            close = getattr(provider, "aclose", None) or getattr(provider, "close", None)
            if close is None:
                continue
            try:
                outcome = close()
                if inspect.isawaitable(outcome):
                    await outcome
            except Exception:
                logger.exception("closing provider %s failed", type(provider).__name__)
