"""Built-in resolution of ``"provider:model"`` strings, lazily: a provider's module is imported the first time
one of its models is asked for, never at ``import ai_sdk_core``.

Other distributions add providers through the entry-point group ``ai_sdk_core.providers``: the entry's name is
the provider name, its value ``"module:attribute"`` names the default provider instance. Entry points are read
only when a name is not in :data:`BUILTIN_PROVIDERS` (so a plain ``"openai:..."`` never scans installed
distributions), and a built-in name always wins::

    # pyproject.toml of a third-party package
    [project.entry-points."ai_sdk_core.providers"]
    acme = "acme_ai.provider:acme"
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import threading
from typing import Any

from ai_sdk_core.registry.registry import model_of_kind, split_model_id
from ai_sdk_core.spec.embedding_model import EmbeddingModel
from ai_sdk_core.spec.errors import InvalidArgumentError, NoSuchProviderError
from ai_sdk_core.spec.language_model import LanguageModel

__all__ = [
    "BUILTIN_PROVIDERS",
    "ENTRY_POINT_GROUP",
    "aclose_cached_providers",
    "builtin_provider",
    "close_cached_providers",
    "create_builtin_provider",
    "entry_point_providers",
    "resolve_model",
    "resolve_embedding_model",
    "resolve_language_model",
]

# provider name -> (module path, attribute holding the default provider instance).
# "openai-compatible" is absent on purpose: it needs a base URL, so it has no default instance.
BUILTIN_PROVIDERS: dict[str, tuple[str, str]] = {
    "amazon-bedrock": ("ai_sdk_core.providers.amazon_bedrock", "bedrock"),
    "anthropic": ("ai_sdk_core.providers.anthropic", "anthropic"),
    "azure": ("ai_sdk_core.providers.azure", "azure"),
    "cerebras": ("ai_sdk_core.providers.cerebras", "cerebras"),
    "cohere": ("ai_sdk_core.providers.cohere", "cohere"),
    "deepinfra": ("ai_sdk_core.providers.deepinfra", "deepinfra"),
    "deepseek": ("ai_sdk_core.providers.deepseek", "deepseek"),
    "fireworks": ("ai_sdk_core.providers.fireworks", "fireworks"),
    "google": ("ai_sdk_core.providers.google", "google"),
    "google-vertex": ("ai_sdk_core.providers.google_vertex", "vertex"),
    "groq": ("ai_sdk_core.providers.groq", "groq"),
    "llama-cpp": ("ai_sdk_core.providers.llama_cpp", "llama_cpp"),
    "mistral": ("ai_sdk_core.providers.mistral", "mistral"),
    "openai": ("ai_sdk_core.providers.openai", "openai"),
    "perplexity": ("ai_sdk_core.providers.perplexity", "perplexity"),
    "togetherai": ("ai_sdk_core.providers.togetherai", "togetherai"),
    "xai": ("ai_sdk_core.providers.xai", "xai"),
}

ENTRY_POINT_GROUP = "ai_sdk_core.providers"

# Keyed by the table entry too, so a test that swaps an entry gets the new provider.
_cache: dict[tuple[str, str, str], Any] = {}
_cache_lock = threading.Lock()


def entry_point_providers() -> dict[str, tuple[str, str]]:
    """Providers that installed distributions declare in the ``ai_sdk_core.providers`` entry-point group, as
    ``name -> (module path, attribute)``; entries whose value is not ``"module:attribute"`` are skipped."""
    found: dict[str, tuple[str, str]] = {}
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        module_path, separator, attribute = entry_point.value.partition(":")
        if separator and module_path.strip() and attribute.strip():
            found[entry_point.name] = (module_path.strip(), attribute.strip())
    return found


def _entry(name: str, model_id: str) -> tuple[str, str]:
    entry = BUILTIN_PROVIDERS.get(name)
    if entry is not None:
        return entry
    # A miss: only now look at installed distributions (reading metadata costs file-system scans).
    plugins = entry_point_providers()
    if name in plugins:
        return plugins[name]
    available = sorted({*BUILTIN_PROVIDERS, *plugins})
    raise NoSuchProviderError(name, model_id=model_id, available_providers=available)


def builtin_provider(name: str, *, model_id: str = "") -> Any:
    """The default instance of a built-in (or entry-point) provider, importing its module on first use."""
    entry = _entry(name, model_id)
    key = (name, *entry)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    module_path, attribute = entry
    provider = getattr(importlib.import_module(module_path), attribute)
    with _cache_lock:
        _cache[key] = provider
    return provider


def create_builtin_provider(name: str, **settings: Any) -> Any:
    """A new instance of the built-in (or entry-point) provider ``name`` made with ``settings`` (``api_key=``,
    ``base_url=``, ``headers=``, ... as its ``create_*`` factory takes them), for apps that configure providers
    from their own settings (the Django and FastAPI adapters). The factory is the ``create_<attribute>`` function
    next to the default instance, e.g. ``create_anthropic`` for ``"anthropic"``::

        anthropic = create_builtin_provider("anthropic", api_key=secret, base_url="https://proxy.example/v1")
    """
    module_path, attribute = _entry(name, "")
    module = importlib.import_module(module_path)
    factory = getattr(module, f"create_{attribute}", None)
    if not callable(factory):
        raise InvalidArgumentError(
            f"provider {name!r} has no factory create_{attribute} in {module_path}; build it yourself and pass "
            "the model object",
            argument="name",
            value=name,
        )
    return factory(**settings)


def resolve_model(model: Any, kind: str) -> Any:
    """A model object as is; ``"provider:model"`` as the built-in provider's model of ``kind``
    (``"image_model"``, ``"speech_model"``, ...)."""
    if not isinstance(model, str):
        return model
    provider, model_id = split_model_id(model, ":", model_type=kind)
    return model_of_kind(builtin_provider(provider, model_id=model), kind, model_id)


# Providers made for an explicit api_key/base_url, one per (provider, key digest, base URL) for the life of the
# process (close_cached_providers() closes their clients, which reopen on use), so every model object built with
# the same settings shares one pooled HTTP client instead of leaving a client per object to the garbage
# collector. Keyed by a digest, never the key itself.
_configured: dict[tuple[str, str, str], Any] = {}


def _configured_provider(name: str, model_id: str, api_key: str | None, base_url: str | None) -> Any:
    settings: dict[str, Any] = {}
    digest = ""
    if api_key is not None:
        settings["api_key"] = api_key
        digest = hashlib.sha256(api_key.encode()).hexdigest()
    if base_url is not None:
        settings["base_url"] = base_url
    key = (name, digest, base_url or "")
    with _cache_lock:
        provider = _configured.get(key)
    if provider is None:
        _entry(name, model_id)  # an unknown provider fails here, naming the known ones
        provider = create_builtin_provider(name, **settings)
        with _cache_lock:
            provider = _configured.setdefault(key, provider)
    return provider


def _provider_of(model: str, kind: str, api_key: str | None, base_url: str | None) -> tuple[Any, str]:
    name, model_id = split_model_id(model, ":", model_type=kind)
    if api_key is None and base_url is None:
        return builtin_provider(name, model_id=model), model_id
    return _configured_provider(name, model, api_key, base_url), model_id


def _refuse_settings_for_objects(model: object, api_key: str | None, base_url: str | None) -> None:
    if not isinstance(model, str) and (api_key is not None or base_url is not None):
        raise InvalidArgumentError(
            "api_key and base_url apply to 'provider:model' strings; configure the provider of a model object yourself",
            argument="model",
        )


def resolve_language_model(
    model: LanguageModel | str, *, api_key: str | None = None, base_url: str | None = None
) -> LanguageModel:
    """A model object as is; ``"provider:model"`` through the built-in providers: the provider's default
    instance, or, with ``api_key``/``base_url``, an instance made with them (shared by every call that passes
    the same settings, so adapters built per request reuse one connection pool)."""
    _refuse_settings_for_objects(model, api_key, base_url)
    if not isinstance(model, str):
        return model
    provider, model_id = _provider_of(model, "language_model", api_key, base_url)
    resolved: LanguageModel = provider.language_model(model_id)
    return resolved


def resolve_embedding_model(
    model: EmbeddingModel | str, *, api_key: str | None = None, base_url: str | None = None
) -> EmbeddingModel:
    """An embedding model object as is; ``"provider:model"`` through the built-in providers (with
    ``api_key``/``base_url`` as for :func:`resolve_language_model`)."""
    _refuse_settings_for_objects(model, api_key, base_url)
    if not isinstance(model, str):
        return model
    provider, model_id = _provider_of(model, "embedding_model", api_key, base_url)
    resolved: EmbeddingModel = provider.embedding_model(model_id)
    return resolved


def _cached_providers() -> list[Any]:
    """Every provider the resolution functions handed out: the default instances and the configured ones. They
    stay cached: a model resolved earlier reopens its provider's client on its next call, and that client must be
    one the next close reaches."""
    with _cache_lock:
        candidates = [*_cache.values(), *_configured.values()]
    unique = {id(provider): provider for provider in candidates}
    return list(unique.values())


def close_cached_providers() -> None:
    """Close the pooled HTTP clients of every provider that ``"provider:model"`` resolution created or looked up
    (:func:`resolve_language_model`, :func:`resolve_model`, :func:`builtin_provider`), from sync code.

    Call it when the app shuts down: the FastAPI lifespan does (through :func:`aclose_cached_providers`); a
    Django app can call it from a shutdown hook (``atexit.register(close_cached_providers)``, or its ASGI
    server's lifespan shutdown). Models resolved before keep working: the next call opens a new client, so
    closing is safe even while other code still holds such models. Async clients of event loops that are not
    running are closed when their loop ends; from async code prefer :func:`aclose_cached_providers`.
    A provider whose ``close`` raises does not keep the others open: the first error is raised at the end.
    """
    failure: BaseException | None = None
    for provider in _cached_providers():
        close = getattr(provider, "close", None)
        if callable(close):
            try:
                close()
            except Exception as error:  # close the others first
                failure = failure or error
    if failure is not None:
        raise failure


async def aclose_cached_providers() -> None:
    """:func:`close_cached_providers` from async code: each provider's ``aclose()`` (else ``close()``), which also
    closes the async clients of the current event loop, awaited."""
    failure: BaseException | None = None
    for provider in _cached_providers():
        aclose = getattr(provider, "aclose", None)
        close = getattr(provider, "close", None)
        try:
            if callable(aclose):
                await aclose()
            elif callable(close):
                close()
        except Exception as error:  # close the others first
            failure = failure or error
    if failure is not None:
        raise failure
