"""Reading the ``AI_SDK`` settings: model aliases, their options, and provider credentials.

Model aliases are shaped like Django's ``CACHES`` and ``MAILERS``::

    AI_SDK = {
        "default": {"MODEL": "anthropic:claude-sonnet-4-5", "OPTIONS": {"temperature": 0.3}},
        "fast": {"MODEL": "groq:llama-3.1-8b-instant", "OPTIONS": {"max_output_tokens": 512}},
        "embeddings": {"MODEL": "openai:text-embedding-3-small", "KIND": "embedding"},
    }

    AI_SDK_PROVIDERS = {
        "anthropic": {"API_KEY": env("ANTHROPIC_API_KEY")},
        "openai": {"BASE_URL": "https://gateway.example.com/v1"},
    }

Keys of an alias: ``MODEL`` (``"provider:model"``, required), ``OPTIONS`` (defaults for every call, by
``CallOptions`` field name: ``temperature``, ``max_output_tokens``, ``provider_options``, ...; the call's own
values win), ``KIND`` (``"language"``, the default, or ``"embedding"``), and ``API_KEY`` / ``BASE_URL`` /
``HEADERS`` to override the provider's for this alias only.

A provider setting resolves like django-anymail's: the alias's own value (the explicit argument), then
``AI_SDK_PROVIDERS[provider][KEY]``, then a flat ``AI_SDK_<PROVIDER>_<KEY>`` setting, then the provider's own
environment variable (read by the provider when it makes a request), then the provider's default.

With no ``AI_SDK`` setting at all, ``default`` is ``$AI_SDK_DEFAULT_MODEL`` when set, else the local model
(llama.cpp running SmolLM2 in this process), so a new project answers offline.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "ALIAS_KEYS",
    "DEFAULT_ALIAS",
    "DEFAULT_MODEL_ENVIRONMENT_VARIABLE",
    "LOCAL_MODEL",
    "PROVIDER_ENVIRONMENT",
    "PROVIDER_KEYS",
    "AliasConfiguration",
    "ProviderEnvironment",
    "alias_configurations",
    "configured_aliases",
    "has_credentials",
    "provider_settings",
    "resolve_provider_setting",
    "uses_default_configuration",
]

DEFAULT_ALIAS: Final = "default"
LOCAL_MODEL: Final = "llama-cpp:default"
DEFAULT_MODEL_ENVIRONMENT_VARIABLE: Final = "AI_SDK_DEFAULT_MODEL"

PROVIDER_KEYS: Final = ("API_KEY", "BASE_URL", "HEADERS")
"""Provider settings an alias or ``AI_SDK_PROVIDERS`` may set; each maps to the factory's lowercase argument."""

ALIAS_KEYS: Final = frozenset({"MODEL", "OPTIONS", "KIND", *PROVIDER_KEYS})

ModelKind = Literal["language", "embedding"]


@dataclass(frozen=True, slots=True)
class ProviderEnvironment:
    """The environment variables a provider reads by itself (None: it reads none)."""

    api_key: str | None
    base_url: str | None = None


# What each built-in provider reads from the environment when it is not given a value. Used by the system checks
# (a missing key is a deploy warning) and by `ai_sdk_check`; the providers themselves read the variables.
PROVIDER_ENVIRONMENT: Final[Mapping[str, ProviderEnvironment]] = {
    "anthropic": ProviderEnvironment("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"),
    "cerebras": ProviderEnvironment("CEREBRAS_API_KEY"),
    "deepinfra": ProviderEnvironment("DEEPINFRA_API_KEY"),
    "deepseek": ProviderEnvironment("DEEPSEEK_API_KEY"),
    "fireworks": ProviderEnvironment("FIREWORKS_API_KEY"),
    "google": ProviderEnvironment("GOOGLE_GENERATIVE_AI_API_KEY"),
    "groq": ProviderEnvironment("GROQ_API_KEY"),
    "llama-cpp": ProviderEnvironment(None),
    "openai": ProviderEnvironment("OPENAI_API_KEY", "OPENAI_BASE_URL"),
    "perplexity": ProviderEnvironment("PERPLEXITY_API_KEY"),
    "togetherai": ProviderEnvironment("TOGETHER_AI_API_KEY"),
    "xai": ProviderEnvironment("XAI_API_KEY"),
}


@dataclass(frozen=True, slots=True)
class AliasConfiguration:
    """One alias of ``AI_SDK`` as read from settings (validated lightly here; fully by the system checks)."""

    alias: str
    model: str
    kind: ModelKind = "language"
    options: Mapping[str, Any] = field(default_factory=dict)
    provider_overrides: Mapping[str, Any] = field(default_factory=dict)

    @property
    def provider(self) -> str:
        """The provider part of ``model`` (``"anthropic"`` for ``"anthropic:claude-sonnet-4-5"``)."""
        return self.model.partition(":")[0]

    @property
    def model_id(self) -> str:
        """The model part of ``model``."""
        return self.model.partition(":")[2]


def uses_default_configuration() -> bool:
    """True when the project sets no ``AI_SDK`` at all (the ``default`` alias is then the environment's or the
    local model)."""
    return getattr(settings, "AI_SDK", None) is None


def configured_aliases() -> dict[str, Any]:
    """The raw alias mapping: ``settings.AI_SDK``, or the built-in default when it is not set."""
    raw = getattr(settings, "AI_SDK", None)
    if raw is None:
        model = os.environ.get(DEFAULT_MODEL_ENVIRONMENT_VARIABLE) or LOCAL_MODEL
        return {DEFAULT_ALIAS: {"MODEL": model}}
    if not isinstance(raw, Mapping):
        raise ImproperlyConfigured(f"settings.AI_SDK must be a dict of aliases, not {type(raw).__name__}.")
    return dict(raw)


def _alias_from(alias: str, entry: Any) -> AliasConfiguration:
    if not isinstance(entry, Mapping):
        raise ImproperlyConfigured(f"settings.AI_SDK[{alias!r}] must be a dict with a 'MODEL' key.")
    model = entry.get("MODEL")
    if not isinstance(model, str) or not model:
        raise ImproperlyConfigured(f"settings.AI_SDK[{alias!r}] needs 'MODEL': a 'provider:model' string.")
    kind = entry.get("KIND", "language")
    if kind not in ("language", "embedding"):
        raise ImproperlyConfigured(f"settings.AI_SDK[{alias!r}]['KIND'] must be 'language' or 'embedding'.")
    options = entry.get("OPTIONS") or {}
    if not isinstance(options, Mapping):
        raise ImproperlyConfigured(f"settings.AI_SDK[{alias!r}]['OPTIONS'] must be a dict.")
    overrides = {key: entry[key] for key in PROVIDER_KEYS if key in entry}
    return AliasConfiguration(alias, model, kind, dict(options), overrides)


def alias_configurations() -> dict[str, AliasConfiguration]:
    """Every alias, read; raises ``ImproperlyConfigured`` for an entry that cannot be read at all."""
    return {alias: _alias_from(alias, entry) for alias, entry in configured_aliases().items()}


def _flat_setting_name(provider: str, key: str) -> str:
    return f"AI_SDK_{provider.upper().replace('-', '_')}_{key}"


_UNSET: Final = object()


def resolve_provider_setting(provider: str, key: str, *, explicit: Any = _UNSET) -> Any:
    """One provider setting, resolved as django-anymail does (see the module docstring); ``None`` when only the
    provider's environment variable or default can supply it (the provider reads those itself)."""
    if explicit is not _UNSET and explicit is not None:
        return explicit
    providers = getattr(settings, "AI_SDK_PROVIDERS", None) or {}
    if not isinstance(providers, Mapping):
        raise ImproperlyConfigured("settings.AI_SDK_PROVIDERS must be a dict of provider name -> settings.")
    provider_entry = providers.get(provider) or {}
    if not isinstance(provider_entry, Mapping):
        raise ImproperlyConfigured(f"settings.AI_SDK_PROVIDERS[{provider!r}] must be a dict.")
    if provider_entry.get(key) is not None:
        return provider_entry[key]
    return getattr(settings, _flat_setting_name(provider, key), None)


def provider_settings(configuration: AliasConfiguration) -> dict[str, Any]:
    """The factory arguments (``api_key``, ``base_url``, ``headers``) this alias's provider gets from settings;
    empty when settings give none (the provider's default instance then serves the alias)."""
    resolved: dict[str, Any] = {}
    for key in PROVIDER_KEYS:
        value = resolve_provider_setting(
            configuration.provider, key, explicit=configuration.provider_overrides.get(key, _UNSET)
        )
        if value is not None:
            resolved[key.lower()] = value
    return resolved


def has_credentials(configuration: AliasConfiguration) -> bool | None:
    """Whether the alias's provider has an API key from settings or its environment variable; ``None`` when we
    cannot tell (a provider we hold no facts about)."""
    environment = PROVIDER_ENVIRONMENT.get(configuration.provider)
    if environment is None:
        return None
    if environment.api_key is None:
        return True
    if provider_settings(configuration).get("api_key"):
        return True
    return bool(os.environ.get(environment.api_key))
