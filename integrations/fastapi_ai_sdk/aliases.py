"""``AIModels``: the app's language models by alias, built once per app (by the lifespan) and cached.

Errors::

    AISDKError
    ├── UnknownModelAliasError (KeyError)          an alias that is not configured; names the known ones
    ├── ProviderSettingsError (ValueError)         a provider of the settings cannot be built
    └── AISDKNotConfiguredError (RuntimeError)     a dependency ran in an app whose lifespan did not set up the SDK
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import ai_sdk_core
from ai_sdk_core import (
    AISDKError,
    LanguageModel,
    default_settings_middleware,
    resolve_language_model,
    wrap_language_model,
)

from .settings import AISDKSettings, ModelAliasSettings, ProviderSettings

__all__ = ["AIModels", "AISDKNotConfiguredError", "ProviderSettingsError", "UnknownModelAliasError", "build_provider"]

AliasTarget = ModelAliasSettings | LanguageModel | str
"""What an alias may point at: its settings, a model object (a mock in tests), or a ``"provider:model"`` string."""


class UnknownModelAliasError(AISDKError, KeyError):
    """``alias`` is not configured. The message lists the known aliases; it is safe to show a client."""

    def __init__(self, alias: str, known_aliases: list[str]) -> None:
        super().__init__(f"Unknown model alias {alias!r}; known aliases: {', '.join(known_aliases) or '(none)'}")
        self.alias = alias
        self.known_aliases = known_aliases

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
        return settings.factory(**arguments)
    try:
        return ai_sdk_core.create_builtin_provider(name, **arguments)
    except AISDKError as error:
        raise ProviderSettingsError(f"Provider {name!r}: {error}", cause=error) from error


class AIModels:
    """Language models by alias. Model objects are built on first use and cached; providers built from
    settings are owned (closed by :meth:`aclose`), provider objects passed in are left to their owner.

    Example::

        models = AIModels({"default": "openai:gpt-4o-mini", "local": "llama-cpp:default"})
        model = models["default"]
    """

    def __init__(self, aliases: Mapping[str, AliasTarget], *, providers: Mapping[str, Any] | None = None) -> None:
        self._targets = dict(aliases)
        self._providers = dict(providers or {})
        self._owned_providers: list[Any] = []
        self._cache: dict[str, LanguageModel] = {}
        self._lock = threading.Lock()  # sync dependencies run in FastAPI's thread pool

    @classmethod
    def from_settings(cls, settings: AISDKSettings, *, providers: Mapping[str, Any] | None = None) -> AIModels:
        """Aliases of ``settings``; each entry of ``settings.providers`` is built now with its factory (and closed
        by :meth:`aclose`). ``providers`` adds provider objects you built yourself, by name."""
        built = {
            name: build_provider(name, provider_settings) for name, provider_settings in settings.providers.items()
        }
        models = cls(settings.aliases(), providers={**built, **(providers or {})})
        models._owned_providers = list(built.values())
        return models

    def __repr__(self) -> str:
        return f"{type(self).__name__}(aliases={self.aliases!r})"

    @property
    def aliases(self) -> list[str]:
        """The configured aliases, sorted."""
        return sorted(self._targets)

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

    def resolve_all(self) -> None:
        """Build every alias now, so that a misconfigured one (unknown provider, bad option) fails at startup."""
        for alias in self._targets:
            self[alias]

    async def aclose(self) -> None:
        """Close the providers built from settings (their pooled HTTP clients)."""
        owned, self._owned_providers = self._owned_providers, []
        for provider in owned:
            close = getattr(provider, "aclose", None) or getattr(provider, "close", None)
            if close is None:
                continue
            outcome = close()
            if inspect.isawaitable(outcome):
                await outcome
