"""Built-in resolution of ``"provider:model"`` strings, lazily: a provider's module is imported the first time
one of its models is asked for, never at ``import ai_sdk_core``."""

from __future__ import annotations

import importlib
import threading
from typing import Any

from ai_sdk_core.registry.registry import split_model_id
from ai_sdk_core.spec.embedding_model import EmbeddingModel
from ai_sdk_core.spec.errors import NoSuchProviderError
from ai_sdk_core.spec.language_model import LanguageModel

__all__ = [
    "BUILTIN_PROVIDERS",
    "builtin_provider",
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

# Keyed by the table entry too, so a test that swaps an entry gets the new provider.
_cache: dict[tuple[str, str, str], Any] = {}
_cache_lock = threading.Lock()


def builtin_provider(name: str, *, model_id: str = "") -> Any:
    """The default instance of a built-in provider, importing its module on first use."""
    entry = BUILTIN_PROVIDERS.get(name)
    if entry is None:
        raise NoSuchProviderError(name, model_id=model_id, available_providers=list(BUILTIN_PROVIDERS))
    key = (name, *entry)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
    module_path, attribute = entry
    provider = getattr(importlib.import_module(module_path), attribute)
    with _cache_lock:
        _cache[key] = provider
    return provider


def resolve_language_model(model: LanguageModel | str) -> LanguageModel:
    """A model object as is; ``"provider:model"`` through the built-in providers."""
    if not isinstance(model, str):
        return model
    provider, model_id = split_model_id(model, ":", model_type="language_model")
    resolved: LanguageModel = builtin_provider(provider, model_id=model).language_model(model_id)
    return resolved


def resolve_embedding_model(model: EmbeddingModel | str) -> EmbeddingModel:
    """An embedding model object as is; ``"provider:model"`` through the built-in providers."""
    if not isinstance(model, str):
        return model
    provider, model_id = split_model_id(model, ":", model_type="embedding_model")
    resolved: EmbeddingModel = builtin_provider(provider, model_id=model).embedding_model(model_id)
    return resolved
