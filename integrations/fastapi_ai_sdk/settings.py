"""Settings: named model aliases and provider credentials, read from the environment by pydantic-settings.

The same alias idea as the Django app's ``AI_SDK`` setting, in FastAPI's idiom (a ``BaseSettings`` class)::

    AI_SDK_MODELS='{"default": {"model": "anthropic:claude-sonnet-4-5", "options": {"temperature": 0.3}},
                    "fast": {"model": "groq:llama-3.1-8b-instant"},
                    "search": {"model": "openai:text-embedding-3-small", "kind": "embedding"}}'
    AI_SDK_DEFAULT_MODEL=openai:gpt-4o-mini        # shortcut for the "default" alias (as for the ai-sdk command)
    AI_SDK_PROVIDERS__ANTHROPIC__API_KEY=...           # an instance of the built-in provider, for this app
    AI_SDK_PROVIDERS__ACME__FACTORY=ai_sdk_core.providers.openai_compatible:create_openai_compatible
    AI_SDK_PROVIDERS__ACME__OPTIONS='{"name": "acme", "base_url": "https://llm.acme.internal/v1"}'

A ``"provider:model"`` string names a provider of ``providers``, which the app's lifespan builds once with the
credentials given there (a built-in provider, or any other through its ``factory``) and closes on shutdown; or,
with no entry there, a built-in provider's default instance, which reads its own environment variables
(``ANTHROPIC_API_KEY``, ``OPENAI_API_KEY``, ...) at request time.

With nothing configured, ``"default"`` is the local model ``llama-cpp:default`` (extra ``local``), so a new app
answers offline.
"""

from __future__ import annotations

import re
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ImportString, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "DEFAULT_ALIAS",
    "LOCAL_MODEL",
    "AISDKSettings",
    "ModelAliasSettings",
    "ModelKind",
    "ProviderSettings",
]

DEFAULT_ALIAS: Final = "default"
LOCAL_MODEL: Final = "llama-cpp:default"
"""The in-process model used when no alias is configured (the same fallback as the ``ai-sdk`` command)."""

# The `ai` majors whose clients the UI message stream encoder can serve.
_PROTOCOL_VERSIONS: Final = (5, 6, 7)

# Aliases travel in request bodies: keep them plain words so that no alias can look like "provider:model".
_ALIAS_PATTERN: Final = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


ModelKind = Literal["language", "embedding"]
"""What an alias names: a language model (``get_model``) or an embedding model (``get_embedding_model``)."""


class ModelAliasSettings(BaseModel):
    """One alias: a ``"provider:model"`` string, its ``kind`` (``"language"``, the default, or ``"embedding"``)
    and, for a language model, call defaults (``temperature``, ``max_output_tokens``, ``provider_options``, ...
    any ``CallOptions`` field) applied to every call through the alias."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field(description='"provider:model", e.g. "anthropic:claude-sonnet-4-5"')
    kind: ModelKind = Field(default="language", description='"language" (the default) or "embedding"')
    options: dict[str, Any] = Field(default_factory=dict, description="Call defaults, by CallOptions field name.")

    @field_validator("model")
    @classmethod
    def _check_model(cls, value: str) -> str:
        provider, separator, model_id = value.partition(":")
        if not (separator and provider.strip() and model_id.strip()):
            raise ValueError(f'must be "provider:model", got {value!r}')
        return value

    @model_validator(mode="after")
    def _check_options(self) -> ModelAliasSettings:
        if self.kind == "embedding" and self.options:
            raise ValueError("an embedding alias takes no call options (options are language-model call defaults)")
        return self


class ProviderSettings(BaseModel):
    """A provider instance the app builds at startup with ``api_key``, ``base_url``, ``headers`` and ``options``:
    a built-in provider of that name, or ``factory`` (an import string such as
    ``"ai_sdk_core.providers.openai_compatible:create_openai_compatible"``) for any other. The key and the header
    values (which often carry credentials too) are ``SecretStr``: they never show in a repr, a log line or an
    error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    factory: ImportString[Any] | None = Field(
        default=None, description='"module:callable" returning a provider (default: the built-in provider)'
    )
    api_key: SecretStr | None = None
    base_url: str | None = None
    headers: dict[str, SecretStr] = Field(default_factory=dict)
    options: dict[str, Any] = Field(default_factory=dict, description="Further keyword arguments of the factory.")

    def factory_arguments(self) -> dict[str, Any]:
        """The keyword arguments for ``factory``: only what was set, the key unwrapped at the last moment."""
        arguments: dict[str, Any] = dict(self.options)
        if self.api_key is not None:
            arguments["api_key"] = self.api_key.get_secret_value()
        if self.base_url is not None:
            arguments["base_url"] = self.base_url
        if self.headers:
            arguments["headers"] = {name: value.get_secret_value() for name, value in self.headers.items()}
        return arguments


class AISDKSettings(BaseSettings):
    """The integration's settings, from ``AI_SDK_*`` environment variables (and a ``.env`` file if you point
    ``_env_file`` at one), or built in code::

        settings = AISDKSettings(models={"default": {"model": "openai:gpt-4o-mini"}})
    """

    model_config = SettingsConfigDict(env_prefix="AI_SDK_", env_nested_delimiter="__", extra="ignore", frozen=True)

    models: dict[str, ModelAliasSettings] = Field(default_factory=dict, description="Aliases the app may use.")
    default_model: str | None = Field(
        default=None, description='Shortcut for models["default"] (AI_SDK_DEFAULT_MODEL, as for the ai-sdk command).'
    )
    providers: dict[str, ProviderSettings] = Field(
        default_factory=dict, description="Provider instances built at startup, by the name used in model strings."
    )
    max_request_bytes: int = Field(default=1_000_000, gt=0, description="Larger chat bodies get 413 unread.")
    protocol_version: int = Field(default=7, description="The `ai` major of the browser client: 5, 6 or 7.")
    keep_alive_interval: float | None = Field(
        default=15.0, gt=0, description="Seconds of silence before a keep-alive comment (None: never)."
    )

    @field_validator("models")
    @classmethod
    def _check_aliases(cls, value: dict[str, ModelAliasSettings]) -> dict[str, ModelAliasSettings]:
        for alias in value:
            if not _ALIAS_PATTERN.match(alias):
                raise ValueError(f"alias {alias!r}: use 1-64 letters, digits, '_', '.' or '-' (no ':')")
        return value

    @field_validator("models")
    @classmethod
    def _check_default_is_a_language_model(cls, value: dict[str, ModelAliasSettings]) -> dict[str, ModelAliasSettings]:
        default = value.get(DEFAULT_ALIAS)
        if default is not None and default.kind != "language":
            raise ValueError(f"alias {DEFAULT_ALIAS!r} answers chats: it must be a language model")
        return value

    @field_validator("protocol_version")
    @classmethod
    def _check_protocol_version(cls, value: int) -> int:
        if value not in _PROTOCOL_VERSIONS:
            raise ValueError(f"must be one of {', '.join(map(str, _PROTOCOL_VERSIONS))}")
        return value

    def aliases(self) -> dict[str, ModelAliasSettings]:
        """Every alias with its settings; ``"default"`` is always there (the local model when nothing is set)."""
        aliases = dict(self.models)
        if DEFAULT_ALIAS not in aliases:
            aliases[DEFAULT_ALIAS] = ModelAliasSettings(model=self.default_model or LOCAL_MODEL)
        return aliases
