"""``ai_models``: the configured models by alias, as ``django.core.cache.caches`` serves caches.

Example::

    from ai_sdk_core import stream_text
    from django_ai_sdk import ai_models

    result = stream_text(model=ai_models["default"], prompt="Hello")
    "fast" in ai_models           # is the alias configured?
    ai_models.default             # same as ai_models["default"]

A model object is built once per process and alias (models are cheap to share: they hold no per-request
state). HTTP clients are not created here: each provider keeps one sync client and one async client per event
loop, so a model used under ``async_to_sync`` (a new loop per call) never reuses a client of a closed loop.
Changing any ``AI_SDK*`` setting (``override_settings``, the ``setting_changed`` signal) drops the cache and closes
the sync HTTP clients of the provider instances it made from settings.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any, Final

from django.core.exceptions import ImproperlyConfigured

import ai_sdk_core
from ai_sdk_core import (
    EmbeddingModel,
    InvalidArgumentError,
    LanguageModel,
    NoSuchModelError,
    default_settings_middleware,
    resolve_embedding_model,
    resolve_language_model,
    wrap_language_model,
)
from django_ai_sdk.conf import DEFAULT_ALIAS, AliasConfiguration, alias_configurations, provider_settings

__all__ = ["AIModelDoesNotExist", "AIModelHandler", "ai_models", "create_provider"]


class AIModelDoesNotExist(ImproperlyConfigured, KeyError):  # noqa: N818  # Django's DoesNotExist naming
    """No model is configured under this alias; ``alias`` and ``known_aliases`` say what was asked and what
    exists. A ``KeyError`` too, so ``ai_models.get``-style code and ``except KeyError`` both work."""

    def __init__(self, alias: str, known_aliases: list[str]) -> None:
        known = ", ".join(repr(name) for name in known_aliases) or "none"
        self.message = f"The AI model alias {alias!r} does not exist (configured: {known}); see settings.AI_SDK."
        super().__init__(self.message)
        self.alias = alias
        self.known_aliases = known_aliases

    def __str__(self) -> str:
        # KeyError's str() would wrap the message in quotes.
        return self.message


def create_provider(name: str, settings: dict[str, Any]) -> Any:
    """A new instance of the built-in provider ``name`` configured with ``settings`` (``api_key=``,
    ``base_url=``, ``headers=``); raises ``ImproperlyConfigured`` when the provider is unknown or cannot be
    made."""
    try:
        return ai_sdk_core.create_builtin_provider(name, **settings)
    except NoSuchModelError as error:  # NoSuchProviderError is one
        raise ImproperlyConfigured(str(error)) from error
    except InvalidArgumentError as error:
        raise ImproperlyConfigured(str(error)) from error


def build_model(configuration: AliasConfiguration) -> LanguageModel | EmbeddingModel:
    """The model object of one alias, uncached: the provider's default instance unless settings give it an API
    key, base URL or headers; ``OPTIONS`` become per-call defaults (the call's own values win)."""
    return _build(configuration)[0]


def _build(configuration: AliasConfiguration) -> tuple[LanguageModel | EmbeddingModel, Any]:
    """The model and, when settings made one for it, its own provider instance (``None`` for a default one)."""
    factory_settings = provider_settings(configuration)
    provider: Any = None
    try:
        if factory_settings:
            provider = create_provider(configuration.provider, factory_settings)
            method = "embedding_model" if configuration.kind == "embedding" else "language_model"
            model: Any = getattr(provider, method)(configuration.model_id)
        elif configuration.kind == "embedding":
            model = resolve_embedding_model(configuration.model)
        else:
            model = resolve_language_model(configuration.model)
    except NoSuchModelError as error:
        raise ImproperlyConfigured(f"settings.AI_SDK[{configuration.alias!r}]: {error}") from error
    if configuration.kind == "language" and configuration.options:
        model = wrap_language_model(model, default_settings_middleware(dict(configuration.options)))
    return model, provider


def _close_providers(providers: list[Any]) -> None:
    # Providers made from settings own their sync HTTP client (and its sockets); nobody else will close them.
    for provider in providers:
        close = getattr(provider, "close", None)
        if close is not None:
            close()


class AIModelHandler:
    """Models by alias (see the module docstring). One instance, :data:`ai_models`, serves the project."""

    def __init__(self) -> None:
        self._models: dict[str, LanguageModel | EmbeddingModel] = {}
        self._providers: dict[str, Any] = {}  # the provider instances settings made, closed by reset()
        self._overrides: dict[str, list[LanguageModel | EmbeddingModel]] = {}
        self._lock = threading.Lock()

    def aliases(self) -> list[str]:
        """The configured aliases (and any overridden in tests), sorted."""
        return sorted({*alias_configurations(), *self._overrides})

    def configuration(self, alias: str) -> AliasConfiguration:
        """The settings of ``alias``; raises :class:`AIModelDoesNotExist` for an unknown one."""
        configurations = alias_configurations()
        if alias not in configurations:
            raise AIModelDoesNotExist(alias, sorted({*configurations, *self._overrides}))
        return configurations[alias]

    def __getitem__(self, alias: str) -> Any:
        # Typed Any: an alias is a language model or an embedding model, and callers know which they configured.
        stack = self._overrides.get(alias)
        if stack:
            return stack[-1]
        with self._lock:
            cached = self._models.get(alias)
        if cached is not None:
            return cached
        model, provider = _build(self.configuration(alias))
        with self._lock:
            # Two threads may build the same alias at once; both get the first one stored.
            stored = self._models.setdefault(alias, model)
            if stored is model and provider is not None:
                self._providers[alias] = provider
        if stored is not model:
            _close_providers([provider])
        return stored

    def __contains__(self, alias: object) -> bool:
        return isinstance(alias, str) and (alias in self._overrides or alias in alias_configurations())

    def __iter__(self) -> Iterator[str]:
        return iter(self.aliases())

    @property
    def default(self) -> Any:
        """The ``default`` alias's model."""
        return self[DEFAULT_ALIAS]

    def language_model(self, alias: str = DEFAULT_ALIAS) -> LanguageModel:
        """``self[alias]``, checked to be a language model (``ImproperlyConfigured`` otherwise)."""
        model = self[alias]
        if not callable(getattr(model, "do_stream", None)):
            raise ImproperlyConfigured(f"settings.AI_SDK[{alias!r}] is not a language model (see its 'KIND').")
        return model  # type: ignore[no-any-return]

    def reset(self) -> None:
        """Forget every model built so far (the next lookup reads settings again) and close the sync HTTP clients
        of the providers made for them."""
        with self._lock:
            self._models.clear()
            providers = list(self._providers.values())
            self._providers.clear()
        _close_providers(providers)

    def push_override(self, alias: str, model: LanguageModel | EmbeddingModel) -> None:
        """Serve ``model`` for ``alias`` until :meth:`pop_override` (``django_ai_sdk.testing`` uses this)."""
        with self._lock:
            self._overrides.setdefault(alias, []).append(model)

    def pop_override(self, alias: str) -> None:
        """Undo the latest :meth:`push_override` of ``alias``."""
        with self._lock:
            stack = self._overrides.get(alias)
            if stack:
                stack.pop()
            if not stack:
                self._overrides.pop(alias, None)


ai_models: Final = AIModelHandler()
"""The project's models by alias."""
