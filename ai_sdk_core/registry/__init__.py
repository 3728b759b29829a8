"""Provider registries and the built-in, lazy resolution of ``"provider:model"`` strings."""

from __future__ import annotations

from ai_sdk_core.registry.builtin import (
    BUILTIN_PROVIDERS,
    ENTRY_POINT_GROUP,
    aclose_cached_providers,
    builtin_provider,
    close_cached_providers,
    create_builtin_provider,
    entry_point_providers,
    resolve_embedding_model,
    resolve_language_model,
    resolve_model,
)
from ai_sdk_core.registry.registry import (
    CustomProvider,
    ProviderRegistry,
    create_provider_registry,
    custom_provider,
    no_such_model,
)

__all__ = [
    "BUILTIN_PROVIDERS",
    "ENTRY_POINT_GROUP",
    "CustomProvider",
    "ProviderRegistry",
    "aclose_cached_providers",
    "builtin_provider",
    "close_cached_providers",
    "create_builtin_provider",
    "create_provider_registry",
    "custom_provider",
    "entry_point_providers",
    "no_such_model",
    "resolve_model",
    "resolve_embedding_model",
    "resolve_language_model",
]
