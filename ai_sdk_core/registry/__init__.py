"""Provider registries and the built-in, lazy resolution of ``"provider:model"`` strings."""

from __future__ import annotations

from ai_sdk_core.registry.builtin import (
    BUILTIN_PROVIDERS,
    builtin_provider,
    resolve_embedding_model,
    resolve_language_model,
)
from ai_sdk_core.registry.registry import (
    CustomProvider,
    ProviderRegistry,
    create_provider_registry,
    custom_provider,
)

__all__ = [
    "BUILTIN_PROVIDERS",
    "CustomProvider",
    "ProviderRegistry",
    "builtin_provider",
    "create_provider_registry",
    "custom_provider",
    "resolve_embedding_model",
    "resolve_language_model",
]
